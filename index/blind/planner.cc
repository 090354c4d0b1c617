#include "index/blind/planner.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "crypto/hash.h"
#include "crypto/secret_key.h"
#include "index/field.h"
#include "index/inverted.h"

namespace sselab::index::blind {
namespace {

// Candidates go up to 64 bits: beyond that every realistic corpus has one keyword per token.
constexpr int kMaxPlannedBits = 64;

uint64_t Prefix64(const crypto::Digest256& tag) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | tag[static_cast<size_t>(i)];
  return v;
}

// Bucket sizes when the 64-bit prefixes are cut to `bits` bits.
std::vector<uint64_t> BucketSizes(const std::vector<uint64_t>& prefixes, int bits) {
  std::vector<uint64_t> tokens(prefixes.size());
  for (size_t i = 0; i < prefixes.size(); ++i) tokens[i] = prefixes[i] >> (64 - bits);
  std::sort(tokens.begin(), tokens.end());
  std::vector<uint64_t> sizes;
  for (size_t i = 0; i < tokens.size();) {
    size_t j = i;
    while (j < tokens.size() && tokens[j] == tokens[i]) ++j;
    sizes.push_back(j - i);
    i = j;
  }
  return sizes;
}

Candidate Measure(const std::vector<uint64_t>& prefixes, int bits) {
  const double r = static_cast<double>(prefixes.size());
  Candidate c{.bits = bits};
  c.expected_coincidences = r / std::ldexp(1.0, bits);
  c.meets_rule = c.expected_coincidences >= 2 && c.expected_coincidences < std::sqrt(r);
  std::vector<uint64_t> sizes = BucketSizes(prefixes, bits);
  std::sort(sizes.begin(), sizes.end());
  c.buckets = sizes.size();
  c.smallest_bucket = sizes.front();
  size_t mid = sizes.size() / 2;
  c.median_bucket =
      sizes.size() % 2 == 1
          ? static_cast<double>(sizes[mid])
          : (static_cast<double>(sizes[mid - 1]) + static_cast<double>(sizes[mid])) / 2;
  c.alone_share = static_cast<double>(std::count(sizes.begin(), sizes.end(), 1)) / r;
  return c;
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * share);
  return buf;
}

std::string Explain(const Plan& plan, const Candidate& c, bool by_rule) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "Recommended: L=%d.\n"
                "With %llu distinct keywords and %d-bit tokens, about %.1f keywords share each "
                "token (the rule of thumb asks for at least 2 and fewer than %.1f).\n"
                "A search fetches and decrypts the entries of about that many keywords; the "
                "client drops the others, so answers stay exact.\n"
                "On this corpus the smallest bucket holds %llu keyword(s), the median %.1f, and "
                "%s of keywords are alone in their bucket (the server could tell them apart by "
                "frequency).\n",
                c.bits, static_cast<unsigned long long>(plan.keywords), c.bits,
                c.expected_coincidences, std::sqrt(static_cast<double>(plan.keywords)),
                static_cast<unsigned long long>(c.smallest_bucket), c.median_bucket,
                Percent(c.alone_share).c_str());
  std::string out = buf;
  if (!by_rule) {
    out += "No length meets the rule with at most " + Percent(kMaxAloneShare) +
           " of keywords alone; this is the longest token with C >= 2 (or 1 bit for tiny "
           "corpora).\n";
  }
  return out;
}

}  // namespace

double ExpectedAloneShare(uint64_t keywords, int bits) {
  if (keywords == 0) return 0;
  return std::exp(static_cast<double>(keywords - 1) * std::log1p(-std::ldexp(1.0, -bits)));
}

Plan PlanForKeywords(const std::vector<std::string>& keywords, std::string field) {
  Plan plan{.field = std::move(field), .keywords = keywords.size()};
  if (keywords.empty()) return plan;
  // Step 2 of the construction under a throwaway key: only the bucket shape matters.
  crypto::SecretKey key = crypto::SecretKey::Generate(32);
  std::vector<uint64_t> prefixes;
  prefixes.reserve(keywords.size());
  for (const std::string& w : keywords)
    prefixes.push_back(Prefix64(crypto::HmacSha256(key, AsBytes(w))));
  int top =
      std::min(kMaxPlannedBits,
               static_cast<int>(std::ceil(std::log2(static_cast<double>(keywords.size())))) + 4);
  for (int bits = 1; bits <= top; ++bits) plan.candidates.push_back(Measure(prefixes, bits));

  // The longest L that meets the rule with few keywords alone: fewest false positives.
  const Candidate* pick = nullptr;
  for (const Candidate& c : plan.candidates) {
    if (c.meets_rule && c.alone_share <= kMaxAloneShare) pick = &c;
  }
  bool by_rule = pick != nullptr;
  if (!by_rule) {
    pick = &plan.candidates.front();
    for (const Candidate& c : plan.candidates) {
      if (c.expected_coincidences >= 2) pick = &c;
    }
  }
  plan.recommended_bits = pick->bits;
  plan.explanation = Explain(plan, *pick, by_rule);
  return plan;
}

Result<std::vector<Plan>> PlanForCorpus(DocumentSource& corpus,
                                        const std::optional<std::string>& field) {
  std::map<std::string, std::vector<std::string>> by_field;  // field -> its words
  auto collect = [&](std::string_view keyword, std::span<const DocId>) -> Status {
    FieldedKeyword fw = SplitField(keyword);
    by_field[std::string(fw.field)].emplace_back(fw.word);
    return OkStatus();
  };
  auto walked = ForEachPostingList(corpus, {}, collect);
  if (!walked.ok()) return walked.error();
  if (by_field.empty()) return InvalidArgumentError("blind plan: the corpus has no keywords");
  std::vector<Plan> plans;
  if (!field) {
    for (const auto& [name, words] : by_field) plans.push_back(PlanForKeywords(words, name));
    return plans;
  }
  auto it = by_field.find(*field);
  if (it == by_field.end()) {
    std::string has;
    for (const auto& [name, words] : by_field) {
      has += (has.empty() ? "" : ", ") + (name.empty() ? std::string("(no field)") : name);
    }
    return InvalidArgumentError("blind plan: the corpus has no keywords in field '" + *field +
                                "'; it has: " + has);
  }
  plans.push_back(PlanForKeywords(it->second, *field));
  return plans;
}

std::string FormatPlan(const Plan& plan) {
  std::string out =
      plan.field.empty() ? std::string("keywords outside any field") : "field " + plan.field;
  out += ": distinct keywords R = " + std::to_string(plan.keywords) + "\n";
  out += "   L   C=R/2^L  rule  buckets  smallest  median  alone\n";
  for (const Candidate& c : plan.candidates) {
    char row[160];
    std::snprintf(row, sizeof row, "%4d %9.2f  %-4s %8llu %9llu %7.1f %6s%s\n", c.bits,
                  c.expected_coincidences, c.meets_rule ? "ok" : "-",
                  static_cast<unsigned long long>(c.buckets),
                  static_cast<unsigned long long>(c.smallest_bucket), c.median_bucket,
                  Percent(c.alone_share).c_str(), c.bits == plan.recommended_bits ? "  <" : "");
    out += row;
  }
  out += "\n" + plan.explanation;
  return out;
}

std::string RecommendedParams(const std::vector<Plan>& plans) {
  std::string bits, field_bits;
  for (const Plan& p : plans) {
    if (p.field.empty()) {
      bits = "--param bits=" + std::to_string(p.recommended_bits);
    } else {
      field_bits += (field_bits.empty() ? "--param field_bits=" : ",") + p.field + ":" +
                    std::to_string(p.recommended_bits);
    }
  }
  if (!bits.empty() && !field_bits.empty()) bits += " ";
  return bits + field_bits;
}

}  // namespace sselab::index::blind
