// `sselab leakage`: record a scheme's server view, measure its leakage, attack it.
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "bench/harness/leakage_spec.h"
#include "index/corpus.h"
#include "leakage/analysis.h"
#include "leakage/attack_run.h"
#include "leakage/injection_run.h"
#include "leakage/record_run.h"
#include "leakage/transcript_file.h"
#include "net/remote_recording.h"
#include "schemes/builtin.h"
#include "tools/cli_util.h"
#include "tools/commands.h"
#include "tools/leakage_report.h"

namespace sselab::tools {
namespace {

namespace fs = std::filesystem;

struct RecordOptions {
  std::string spec;
  std::string out;
  std::string truth;  // empty: OUT.truth
  bool no_truth = false;
  std::string store_dir;  // empty: the server's store in memory
  // Set: the run goes to `sselab serve --record` there, as index `index`.
  std::string server;
  std::string index;  // empty: OUT's stem
  net::TlsFiles tls;
};

// The run against a recording server: the client's half of the index (it holds the key)
// lives in a hidden directory beside OUT for the run's length, and the index is dropped
// from the server at the end (its recording stays in the server's record directory).
Result<leakage::Transcript> RecordRemote(const RecordOptions& o, const harness::LeakageSpec& spec,
                                         const std::vector<index::Document>& docs,
                                         const std::vector<leakage::WorkloadOp>& workload,
                                         const index::ProgressFn& progress) {
  if (!o.store_dir.empty()) {
    return InvalidArgumentError(
        "--store-dir runs the server in this process; with --server the "
        "server keeps its own store");
  }
  // Beside OUT, hidden, mode 0700 (mkdtemp): the user's own directory, not the system's.
  const fs::path out_dir = fs::absolute(o.out).parent_path();
  std::string client_template =
      (out_dir / ("." + fs::path(o.out).filename().string() + ".client-XXXXXX")).string();
  if (::mkdtemp(client_template.data()) == nullptr) {
    return IoError("cannot create the client's directory beside " + o.out + " (in " +
                   out_dir.string() + ")");
  }
  const fs::path client_dir = client_template;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{client_dir};
  const std::string index = o.index.empty() ? fs::path(o.out).stem().string() : o.index;
  SSELAB_ASSIGN_OR_RETURN(
      auto run,
      net::RemoteRecording::Create(schemes::BuiltinRegistry(),
                                   {.remote = {.server = o.server, .index = index, .tls = o.tls},
                                    .scheme = spec.scheme,
                                    .params = spec.params,
                                    .client_dir = client_dir / "db"}));
  Status played =
      leakage::PlayWorkload(*run, run->capabilities(), docs, workload, spec.corpus, progress);
  Result<leakage::Transcript> t =
      played.ok() ? run->Finish() : Result<leakage::Transcript>(played.error());
  Status dropped = run->Drop();
  if (t.ok() && !dropped.ok()) return dropped.error().WithContext("dropping the lab's index");
  return t;
}

// The truth file a command reads: --truth if given, else VIEW.truth if it exists, else
// none.
std::string TruthPath(const std::string& view, const std::string& truth) {
  if (!truth.empty()) return truth;
  fs::path guess = leakage::DefaultTruthPath(view);
  return fs::exists(guess) ? guess.string() : std::string();
}

Result<std::vector<index::Document>> LoadCorpus(const std::string& name) {
  SSELAB_ASSIGN_OR_RETURN(auto source, index::OpenCorpus(name));
  return leakage::ReadAll(*source);
}

int RunRecord(const RecordOptions& o) {
  const std::string truth =
      o.no_truth ? "" : (o.truth.empty() ? leakage::DefaultTruthPath(o.out).string() : o.truth);
  for (const std::string& path : {o.out, truth}) {
    if (!path.empty() && fs::exists(path)) {
      return Fail(AlreadyExistsError(path + " already exists; not overwriting it"));
    }
  }
  if (!o.index.empty() && o.server.empty()) {
    return Fail(InvalidArgumentError("--index names an index on a server: give --server too"));
  }
  auto spec = harness::LoadLeakageSpec(o.spec);
  if (!spec.ok()) return Fail(spec.error());
  auto docs = LoadCorpus(spec->corpus);
  if (!docs.ok()) return Fail(docs.error().WithContext("leakage record"));
  auto workload = leakage::MakeWorkload(leakage::CountKeywords(*docs), spec->workload, *docs);
  std::fprintf(stderr, "recording %s over %s: %zu documents, %zu operations\n",
               spec->scheme.c_str(), spec->corpus.c_str(), docs->size(), workload.size());
  Progress progress;
  auto t = o.server.empty()
               ? leakage::RecordRun(
                     schemes::BuiltinRegistry(),
                     {.scheme = spec->scheme, .params = spec->params, .store_dir = o.store_dir},
                     *docs, workload, spec->corpus, progress.Fn())
               : RecordRemote(o, *spec, *docs, workload, progress.Fn());
  progress.Done();
  if (!t.ok()) return Fail(t.error().WithContext("leakage record"));
  Status saved = leakage::SaveTranscript(*t, o.out, truth);
  if (!saved.ok()) return Fail(saved.error());
  std::fprintf(stderr, "wrote the server's view to %s (%zu operations)\n", o.out.c_str(),
               t->view.ops.size());
  if (!truth.empty()) {
    std::fprintf(stderr, "wrote the ground truth (keywords in the clear, mode 0600) to %s\n",
                 truth.c_str());
  }
  return 0;
}

struct MeasureOptions {
  std::string transcript;
  std::string truth;
  std::string format = "text";
};

int RunMeasure(const MeasureOptions& o) {
  auto t = leakage::LoadTranscript(o.transcript, TruthPath(o.transcript, o.truth));
  if (!t.ok()) return Fail(t.error());
  auto a = leakage::Analyze(*t, schemes::BuiltinRegistry());
  if (!a.ok()) return Fail(a.error().WithContext(o.transcript));
  return PrintLeakageAnalysis(*t, *a, o.format == "json");
}

struct AttackCliOptions {
  leakage::AttackOptions attack;
  std::string transcript;
  std::string truth;
  std::string known;
  std::string aux;
  std::string dictionary;  // guess: a corpus whose keywords are the candidates
  uint64_t dictionary_size = 200;
};

void PrintOutcome(const leakage::AttackOutcome& r, const std::string& scheme,
                  const char* unit = "searches") {
  std::printf(
      "%s attack on %s (delta %.2f): recovered %llu of %llu %s (%.3f); %llu guessed; "
      "%llu classes\n",
      r.attack.c_str(), scheme.c_str(), r.delta, static_cast<unsigned long long>(r.recovered),
      static_cast<unsigned long long>(r.searches), unit, r.Rate(),
      static_cast<unsigned long long>(r.guessed), static_cast<unsigned long long>(r.classes));
}

int RunLink(const leakage::Transcript& t, const leakage::Analysis& a) {
  auto r = leakage::RunTagLinking(a, t);
  if (!r.ok()) return Fail(r.error());
  std::printf("%s: %llu stored entries in %llu at-rest classes found by the server alone%s%s\n",
              t.view.scheme.c_str(), static_cast<unsigned long long>(a.measures.entries),
              static_cast<unsigned long long>(a.measures.groups),
              a.lab.tags.best_invariant.empty() ? "" : "; invariant ",
              a.lab.tags.best_invariant.c_str());
  PrintOutcome((*r)[0], t.view.scheme);
  PrintOutcome((*r)[1], t.view.scheme, "updates after a search");
  return 0;
}

int RunGuess(const AttackCliOptions& o, const leakage::Transcript& t) {
  auto entry = schemes::BuiltinRegistry().Find(t.view.scheme);
  if (!entry.ok()) return Fail(entry.error());
  if (!(*entry)->keyword_guesser) {
    return Fail(InvalidArgumentError("guess: " + t.view.scheme +
                                     " is not a public-key scheme (no keyword guessing)"));
  }
  auto guesser = (*entry)->keyword_guesser(t.view.public_keys);
  if (!guesser.ok()) return Fail(guesser.error().WithContext(o.transcript));
  auto docs = LoadCorpus(o.dictionary);
  if (!docs.ok()) return Fail(docs.error().WithContext("--dictionary"));
  std::vector<std::string> dictionary;
  for (const auto& [w, n] : leakage::CountKeywords(*docs).ranked) {
    if (dictionary.size() == o.dictionary_size) break;
    dictionary.push_back(w);
  }
  auto r = leakage::RunKeywordGuessing(t, *guesser, dictionary);
  if (!r.ok()) return Fail(r.error());
  PrintOutcome(*r, t.view.scheme);
  return 0;
}

int RunAttackCommand(const AttackCliOptions& o) {
  auto t = leakage::LoadTranscript(o.transcript, TruthPath(o.transcript, o.truth));
  if (!t.ok()) return Fail(t.error());
  if (!t->HasTruth()) {
    return Fail(InvalidArgumentError("attack: scoring needs the ground truth; pass --truth FILE (" +
                                     leakage::DefaultTruthPath(o.transcript).string() +
                                     " does not exist)"));
  }
  auto a = leakage::Analyze(*t, schemes::BuiltinRegistry());
  if (!a.ok()) return Fail(a.error().WithContext(o.transcript));
  if (o.attack.attack == "link") return RunLink(*t, *a);
  if (o.attack.attack == "guess") {
    if (o.dictionary.empty()) return Fail(InvalidArgumentError("guess needs --dictionary"));
    return RunGuess(o, *t);
  }
  if (o.known.empty()) return Fail(InvalidArgumentError(o.attack.attack + " needs --known"));
  auto known = LoadCorpus(o.known);
  if (!known.ok()) return Fail(known.error().WithContext("--known"));
  std::vector<index::Document> aux;
  if (!o.aux.empty()) {
    auto loaded = LoadCorpus(o.aux);
    if (!loaded.ok()) return Fail(loaded.error().WithContext("--aux"));
    aux = std::move(loaded).value();
  }
  auto r = leakage::RunAttack(a->observations, t->truth, *known, aux, o.attack);
  if (!r.ok()) return Fail(r.error());
  PrintOutcome(*r, t->view.scheme);
  return 0;
}

struct InjectCliOptions {
  leakage::InjectionSpec spec;
  std::string corpus;
  std::string variant = "binary";
  std::string order = "both";
  std::string format = "table";
};

int RunInjectCommand(InjectCliOptions o) {
  auto docs = LoadCorpus(o.corpus);
  if (!docs.ok()) return Fail(docs.error().WithContext("--corpus"));
  o.spec.variant = leakage::attacks::ParseInjectionVariant(o.variant).value();
  std::vector<leakage::attacks::InjectionOrder> orders;
  for (std::string_view name : {"inject-first", "search-first"}) {
    if (o.order == name || o.order == "both") {
      orders.push_back(leakage::attacks::ParseInjectionOrder(name).value());
    }
  }
  nlohmann::json runs = nlohmann::json::array();
  Table table({"scheme", "variant", "order", "injected docs", "keywords/doc", "searches",
               "recovered", "rate"});
  std::vector<std::string> notes;
  bool applicable = false;  // static schemes print their note alone
  auto n = [](uint64_t v) { return std::to_string(v); };
  for (leakage::attacks::InjectionOrder order : orders) {
    o.spec.order = order;
    auto r = leakage::RunInjection(schemes::BuiltinRegistry(), o.spec, *docs);
    if (!r.ok()) return Fail(r.error().WithContext("attack inject"));
    std::string variant(leakage::attacks::InjectionVariantName(o.spec.variant));
    std::string order_name(leakage::attacks::InjectionOrderName(order));
    runs.push_back({{"scheme", o.spec.scheme},
                    {"params", o.spec.params},
                    {"variant", variant},
                    {"threshold", o.spec.threshold},
                    {"order", order_name},
                    {"applicable", r->applicable},
                    {"universe", r->universe},
                    {"injected_documents", r->injected_documents},
                    {"max_keywords_per_document", r->max_keywords_per_document},
                    {"searches", r->searches},
                    {"recovered", r->recovered},
                    {"guessed", r->guessed},
                    {"rate", r->Rate()},
                    {"note", r->note}});
    if (!r->applicable) {
      notes.push_back(o.spec.scheme + " " + order_name + ": " + r->note);
      continue;
    }
    applicable = true;
    char rate[16];
    std::snprintf(rate, sizeof rate, "%.3f", r->Rate());
    table.Add({o.spec.scheme, variant, order_name, n(r->injected_documents),
               n(r->max_keywords_per_document), n(r->searches),
               n(r->recovered) + " (" + n(r->guessed) + " guessed)", rate});
    notes.push_back(order_name + ": universe " + n(r->universe) + " keywords; " + r->note);
  }
  if (o.format == "json") {
    std::printf("%s\n", runs.dump(2).c_str());
    return 0;
  }
  if (applicable) std::printf("%s", table.Render().c_str());
  for (const std::string& note : notes) std::printf("%s\n", note.c_str());
  return 0;
}

// `attack inject`: the file-injection attack, run live (it needs a client to inject
// through, so it records its own transcript rather than reading a saved one).
void AddInjectCommand(CLI::App& att, Action& run) {
  auto* inj = att.add_subcommand(
      "inject", "File injection (Zhang, Katz, Papamanthou, USENIX Security 2016), run live");
  inj->footer(
      "The adversary makes the client index documents of its choosing through the\n"
      "ordinary add path (e-mail it sends, or the server itself), then watches searches.\n"
      "Over a universe of m keywords (the corpus's most frequent), keyword i gets the code\n"
      "i + 1 and injected document j holds every keyword whose code has bit j set: a search\n"
      "then touches exactly the injected documents that spell its keyword's code.\n"
      "  binary:     bit_width(m) = ceil(log2(m + 1)) documents of up to m/2 keywords each\n"
      "  threshold:  the countermeasure of indexing at most T keywords per document, beaten\n"
      "              by injecting groups of 2T - 1 keywords separately:\n"
      "              ceil(m / (2T - 1)) * ceil(log2 2T) documents of at most T keywords\n"
      "Orders:\n"
      "  inject-first: searches after the injection; a search touches an injected document\n"
      "                when it reads an entry that document's injection wrote (the access\n"
      "                pattern: forward privacy does not help)\n"
      "  search-first: searches before; the server replays the search requests it kept on\n"
      "                what each injection wrote. Forward-private schemes (sophos, diana)\n"
      "                make old requests find nothing: expect a rate near 0 there\n"
      "Static schemes take no injection: not applicable. The attack reads the server's view\n"
      "and what the adversary injected; the truth only scores it.");
  auto o = std::make_shared<InjectCliOptions>();
  inj->add_option("--scheme", o->spec.scheme, "Scheme to attack (sselab schemes)")->required();
  inj->add_option("--param", o->spec.params, "Scheme parameter name=value (repeatable)");
  inj->add_option("--corpus", o->corpus, "Corpus the index is built over (path or synth:...)")
      ->required();
  inj->add_option("--universe", o->spec.universe,
                  "m: the keywords the adversary targets (the corpus's most frequent)")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 20));
  inj->add_option("--searches", o->spec.searches, "Searches, drawn uniformly from the universe")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 20));
  inj->add_option("--variant", o->variant, "binary or threshold")
      ->capture_default_str()
      ->check(CLI::IsMember({"binary", "threshold"}));
  inj->add_option("--threshold", o->spec.threshold, "T: keywords per injected document (threshold)")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1u << 20));
  inj->add_option("--order", o->order, "inject-first, search-first or both")
      ->capture_default_str()
      ->check(CLI::IsMember({"inject-first", "search-first", "both"}));
  inj->add_option("--seed", o->spec.seed, "Seed for the searched keywords")->capture_default_str();
  inj->add_option("--format", o->format, "table or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "json"}));
  inj->callback([&run, o] { run = [o] { return RunInjectCommand(*o); }; });
}

}  // namespace

void AddLeakageCommand(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "leakage",
      "Record what a scheme's server sees, measure the leakage in it, and attack it.\n"
      "  record:  run a spec (scheme, corpus, workload) and save the server's view; the\n"
      "           ground truth goes to a file of its own (OUT.truth, mode 0600); with\n"
      "           --server, against a real `sselab serve --record`, whose own view is saved\n"
      "  measure: leakage measured from the view, scored against the truth, and checked\n"
      "           against what the scheme declares (exit 1 if it leaks more)\n"
      "  attack:  run a leakage-abuse attack on a saved transcript\n"
      "Definitions: papers/leakage.md.");
  cmd->require_subcommand(1);

  auto* rec = cmd->add_subcommand("record", "Record a transcript from a leakage spec (TOML)");
  auto r = std::make_shared<RecordOptions>();
  rec->add_option("spec", r->spec, "Spec file (see experiments/leakage/example.toml)")
      ->required()
      ->check(CLI::ExistingFile);
  rec->add_option("--out", r->out,
                  "Server-view file to write (must not exist): what the server saw and held "
                  "(messages, store accesses, raw stored entries, public keys), no plaintext")
      ->required();
  rec->add_option("--truth", r->truth, "Ground-truth file to write (default: OUT.truth)");
  rec->add_flag("--no-truth", r->no_truth, "Write no ground truth (nothing can be scored later)");
  rec->add_option("--store-dir", r->store_dir,
                  "Run the server on a RocksDB store created in this new directory (kept, to "
                  "inspect); default: in memory");
  rec->add_option("--server", r->server,
                  "HOST:PORT of `sselab serve --record`: run the workload against that server; "
                  "the view is the one it recorded itself")
      ->group("Against a real server");
  rec->add_option("--index", r->index,
                  "The index's name on the server (default: OUT's stem); it must not exist, and "
                  "is dropped at the end")
      ->group("Against a real server");
  AddTlsOptions(*rec, r->tls, "client");
  rec->callback([&run, r] { run = [r] { return RunRecord(*r); }; });

  auto* mea = cmd->add_subcommand("measure", "Measure the leakage in a transcript");
  auto m = std::make_shared<MeasureOptions>();
  mea->add_option("transcript", m->transcript, "Server-view file")->required();
  mea->add_option("--truth", m->truth,
                  "Ground-truth file (default: TRANSCRIPT.truth if it exists; without one "
                  "nothing is scored)");
  mea->add_option("--format", m->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  mea->callback([&run, m] { run = [m] { return RunMeasure(*m); }; });

  auto* att = cmd->add_subcommand(
      "attack",
      "Run a leakage-abuse attack on a transcript and score it against its ground truth.\n"
      "  count:     Cash, Grubbs, Perry, Ristenpart (CCS 2015); needs --known\n"
      "  ikk:       Islam, Kuzu, Kantarcioglu (NDSS 2012); needs --known\n"
      "  frequency: rank matching of at-rest frequencies (of the groups the server can form,\n"
      "             tag links included); needs --known and --aux\n"
      "  link:      tag linking (public-key schemes): stored tags grouped with the public\n"
      "             keys alone, and updates linked to kept search requests\n"
      "  guess:     keyword guessing (public-key schemes, Byun et al. SDM 2006): each\n"
      "             observed trapdoor tested against tags the server makes for candidate\n"
      "             keywords; needs --dictionary\n"
      "  inject:    file injection (Zhang, Katz, Papamanthou 2016), run live on a scheme:\n"
      "             sselab leakage attack inject --help");
  auto a = std::make_shared<AttackCliOptions>();
  // Not ->required(): `attack inject` takes neither (checked in the callback).
  att->add_option("name", a->attack.attack, "count, ikk, frequency, link or guess")
      ->check(CLI::IsMember({"count", "ikk", "frequency", "link", "guess"}));
  att->add_option("--transcript", a->transcript, "Server-view file (required)");
  att->add_option("--truth", a->truth, "Ground-truth file (default: TRANSCRIPT.truth)");
  att->add_option("--known", a->known,
                  "The indexed corpus; the adversary knows a --delta sample of it (count, ikk, "
                  "frequency)");
  att->add_option("--dictionary", a->dictionary,
                  "guess: a corpus whose most frequent keywords are the candidates");
  att->add_option("--dictionary-size", a->dictionary_size, "guess: candidates tried")
      ->capture_default_str();
  att->add_option("--aux", a->aux, "A corpus disjoint from the indexed one (frequency)");
  att->add_option("--delta", a->attack.delta, "Fraction of documents known, in (0, 1]")
      ->capture_default_str();
  att->add_option("--vocabulary", a->attack.vocabulary,
                  "Candidate keywords: the most frequent in the known sample")
      ->capture_default_str();
  att->add_option("--ikk-known", a->attack.ikk_known, "IKK: fraction of queries given")
      ->capture_default_str();
  att->add_option("--seed", a->attack.seed, "Seed for sampling and annealing")
      ->capture_default_str();
  AddInjectCommand(*att, run);
  att->callback([&run, a, att] {
    if (att->got_subcommand("inject")) return;
    if (a->attack.attack.empty()) throw CLI::RequiredError("name");
    if (a->transcript.empty()) throw CLI::RequiredError("--transcript");
    run = [a] { return RunAttackCommand(*a); };
  });
}

}  // namespace sselab::tools
