// The subcommands of `sselab`. Each Add* function registers one subcommand on `app`;
// when it is chosen on the command line, its callback sets `run` to the action.
#ifndef SSELAB_TOOLS_COMMANDS_H_
#define SSELAB_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>

namespace sselab::tools {

using Action = std::function<int()>;

void AddSchemesCommand(CLI::App& app, Action& run);
void AddIndexCommand(CLI::App& app, Action& run);
void AddSearchCommand(CLI::App& app, Action& run);
void AddInfoCommand(CLI::App& app, Action& run);
void AddCorpusCommand(CLI::App& app, Action& run);
void AddOverviewCommand(CLI::App& app, Action& run);
void AddBenchCommand(CLI::App& app, Action& run);
void AddCryptoCommand(CLI::App& app, Action& run);
void AddBlindCommand(CLI::App& app, Action& run);
void AddLeakageCommand(CLI::App& app, Action& run);
void AddServeCommand(CLI::App& app, Action& run);
void AddPkiCommand(CLI::App& app, Action& run);
void AddRemoteCommand(CLI::App& app, Action& run);

}  // namespace sselab::tools

#endif  // SSELAB_TOOLS_COMMANDS_H_
