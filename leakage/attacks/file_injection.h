// The file-injection attack of
//   [ZKP16] Y. Zhang, J. Katz, C. Papamanthou, "All Your Queries Are Belong to Us: The
//   Power of File-Injection Attacks on Searchable Encryption", USENIX Security 2016:
//   the binary-search attack and its threshold variant (planning and recovery).
//
// The adversary makes the client index documents of its choosing (it sends e-mail, or it
// is the server), then reads which of them a search touches. Over a keyword universe
// K = {k_0 .. k_{m-1}}, keyword k_i gets the code c_i = i + 1 (non-zero, so that every
// keyword touches at least one injected document and "touches none" means "not in K");
// injected document j holds every k_i whose code has bit j set. A search for k_i touches
// exactly the documents j with bit j of c_i set, so c_i = Σ 2^j over them. Binary:
// bit_width(m) = ⌈log2(m + 1)⌉ documents (ZKP16's ⌈log2 m⌉, plus one when m is a power of
// two: the price of the non-zero codes).
// Threshold (the countermeasure ZKP16 consider: at most T keywords indexed per document):
// K is cut into groups of 2T - 1 keywords, each injected on its own with codes 1..2T-1,
// so no document holds more than T keywords: ⌈m / (2T - 1)⌉ · ⌈log2 2T⌉ documents.
//
// Two orders (leakage/injection_run.h plays them on real transcripts):
//   inject first: a later search touches the injected documents whose injection wrote an
//     entry the search read (the access pattern): MatchByAccess;
//   search first: the server replays every search request it kept on what each injection
//     wrote (leakage/update_replay.h); a document is touched by the earlier searches whose
//     replay finds something there: MatchByReplay. Forward privacy defeats exactly this.
// Pure logic over interned integers: the caller turns the server's view into entry sets.
#ifndef SSELAB_LEAKAGE_ATTACKS_FILE_INJECTION_H_
#define SSELAB_LEAKAGE_ATTACKS_FILE_INJECTION_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "leakage/attacks/attack_types.h"

namespace sselab::leakage::attacks {

enum class InjectionVariant : uint8_t { kBinary = 0, kThreshold = 1 };
enum class InjectionOrder : uint8_t { kInjectFirst = 0, kSearchFirst = 1 };

std::string_view InjectionVariantName(InjectionVariant v);  // "binary", "threshold"
std::string_view InjectionOrderName(InjectionOrder o);      // "inject-first", "search-first"
// kInvalidArgument for any other name.
Result<InjectionVariant> ParseInjectionVariant(std::string_view name);
Result<InjectionOrder> ParseInjectionOrder(std::string_view name);

// The documents to inject. Keywords are indices into the caller's universe (KeywordId);
// documents are indices into `documents` (the caller picks their ids).
struct InjectionPlan {
  uint32_t universe = 0;    // m
  uint32_t group_size = 0;  // keywords per group: m (binary) or 2T - 1 (threshold)
  // documents[j]: the keywords of injected document j, ascending; never empty.
  std::vector<std::vector<KeywordId>> documents;
  std::vector<uint32_t> group;  // document -> its group
  std::vector<uint32_t> bit;    // document -> the code bit it stands for
  size_t MaxKeywordsPerDocument() const;
};

// kInvalidArgument for universe 0, or threshold 0 with kThreshold (threshold is ignored
// for kBinary).
Result<InjectionPlan> PlanInjection(uint32_t universe, InjectionVariant variant,
                                    uint32_t threshold);

// The keyword whose code the touched documents spell (`touched`: document indices,
// ascending); nullopt when none does (nothing touched, documents of two groups, or a code
// beyond the group).
std::optional<KeywordId> DecodeTouched(const InjectionPlan& plan,
                                       std::span<const uint32_t> touched);

// Inject first. `reads[s]`: the entries search s read; `written[j]`: the entries document
// j's injection wrote (both interned ids, any order). Returns, per search, the documents
// it touched (ascending): those that wrote an entry it read.
std::vector<std::vector<uint32_t>> MatchByAccess(const std::vector<std::vector<uint32_t>>& reads,
                                                 const std::vector<std::vector<uint32_t>>& written);

// Search first. `found_by[j]`: the searches (indices < searches) whose kept request,
// replayed on what document j's injection wrote, found something. Returns, per search,
// the documents it touched (ascending).
std::vector<std::vector<uint32_t>> MatchByReplay(
    size_t searches, const std::vector<std::vector<uint32_t>>& found_by);

// One guess per search: DecodeTouched of what it touched.
KeywordGuesses RecoverKeywords(const InjectionPlan& plan,
                               const std::vector<std::vector<uint32_t>>& touched);

}  // namespace sselab::leakage::attacks

#endif  // SSELAB_LEAKAGE_ATTACKS_FILE_INJECTION_H_
