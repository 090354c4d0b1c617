// sselab: build, search and measure searchable-encryption indexes.
#include <cstdio>

#include "tools/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "sselab: searchable encryption schemes behind one interface, measured for cost and "
      "leakage.\n\n"
      "Typical use:\n"
      "  sselab schemes                                   list schemes and what they leak\n"
      "  sselab corpus synth --out c.jsonl                make a synthetic corpus\n"
      "  sselab index build --scheme pibas --corpus c.jsonl --db idx\n"
      "  sselab search --db idx w1                        matching ids, one per line\n"
      "  sselab info --db idx                             what an index is and holds\n"
      "  sselab overview [SPEC]                           every scheme: cost, leakage, attacks\n"
      "  sselab bench SPEC.toml --out DIR                 a reproducible experiment\n"
      "  sselab blind plan --corpus c.jsonl               choose bits= for the blind index\n"
      "  sselab leakage record|measure|attack             the server's view, measured\n"
      "  sselab pki init|issue                            a private CA for network mode\n"
      "  sselab serve --data D --grants G --tls-...       indexes' server halves over mTLS\n"
      "  sselab remote list|ping|drop                     what a server holds for you",
      "sselab"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sselab 0.1.0");
  sselab::tools::Action run;
  sselab::tools::AddSchemesCommand(app, run);
  sselab::tools::AddIndexCommand(app, run);
  sselab::tools::AddSearchCommand(app, run);
  sselab::tools::AddInfoCommand(app, run);
  sselab::tools::AddCorpusCommand(app, run);
  sselab::tools::AddOverviewCommand(app, run);
  sselab::tools::AddBenchCommand(app, run);
  sselab::tools::AddCryptoCommand(app, run);
  sselab::tools::AddBlindCommand(app, run);
  sselab::tools::AddLeakageCommand(app, run);
  sselab::tools::AddServeCommand(app, run);
  sselab::tools::AddPkiCommand(app, run);
  sselab::tools::AddRemoteCommand(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help) and has its own codes per error kind; the
    // contract is 0 for --help/--version and 2 for every bad command line.
    return app.exit(e) == 0 ? 0 : 2;
  }
  return run ? run() : 0;
}
