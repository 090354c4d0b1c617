#include "leakage/attacks/tag_linking.h"

#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "base/union_find.h"
#include "crypto/pairing/encoding.h"
#include "crypto/pairing/g1.h"
#include "crypto/pairing/g2.h"
#include "crypto/pairing/gt.h"
#include "crypto/pairing/pairing.h"

namespace sselab::leakage::attacks {
namespace {

namespace pairing = crypto::pairing;

constexpr size_t kStride = 8;
constexpr uint8_t kCompressedFlag = 0x80;
constexpr uint8_t kInfinityFlag = 0x40;

struct Point {
  size_t offset;
  pairing::G1 p;
};

// Every non-identity G1 point at an aligned offset of `value`.
std::vector<Point> G1Points(ByteView value) {
  std::vector<Point> out;
  for (size_t off = 0; off + pairing::kG1CompressedBytes <= value.size(); off += kStride) {
    uint8_t flags = value[off];
    if ((flags & kCompressedFlag) == 0 || (flags & kInfinityFlag) != 0) continue;
    auto p = pairing::G1FromCompressed(value.subspan(off, pairing::kG1CompressedBytes));
    if (p.ok()) out.push_back({off, *p});
  }
  return out;
}

std::vector<pairing::G2> G2Elements(std::span<const ByteView> keys) {
  std::vector<pairing::G2> out = {pairing::G2Generator()};
  for (ByteView key : keys) {
    for (size_t off = 0; off + pairing::kG2CompressedBytes <= key.size(); off += kStride) {
      uint8_t flags = key[off];
      if ((flags & kCompressedFlag) == 0 || (flags & kInfinityFlag) != 0) continue;
      auto q = pairing::G2FromCompressed(key.subspan(off, pairing::kG2CompressedBytes));
      if (q.ok()) out.push_back(*q);
    }
  }
  return out;
}

std::string ElementName(size_t a) { return a == 0 ? "g2" : "K" + std::to_string(a); }

}  // namespace

TagLinks LinkTags(std::span<const ByteView> values, std::span<const ByteView> public_keys) {
  TagLinks out;
  const std::vector<pairing::G2> q = G2Elements(public_keys);
  out.g2_elements = q.size();
  std::vector<pairing::G2Prepared> prepared;
  prepared.reserve(q.size());
  for (const pairing::G2& e : q) prepared.emplace_back(e);

  UnionFind uf(values.size());
  // (invariant description, GT bytes) -> first value that had it.
  std::unordered_map<std::string, size_t> seen;
  std::map<std::string, uint64_t> merges;
  for (size_t v = 0; v < values.size(); ++v) {
    const std::vector<Point> points = G1Points(values[v]);
    out.g1_points += points.size();
    if (points.size() < 2) continue;
    // e(P_i, Q_a) for every point and element.
    std::vector<std::vector<pairing::Gt>> e(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
      for (const pairing::G2Prepared& qa : prepared) {
        e[i].push_back(pairing::FinalExponentiation(pairing::MillerLoop(points[i].p, qa)));
      }
    }
    for (size_t i = 0; i < points.size(); ++i) {
      for (size_t j = i + 1; j < points.size(); ++j) {
        for (size_t a = 0; a < q.size(); ++a) {
          for (size_t b = 0; b < q.size(); ++b) {
            for (int sign : {1, -1}) {
              pairing::Gt inv = e[i][a] * (sign > 0 ? e[j][b] : e[j][b].Inverse());
              if (inv.IsIdentity()) continue;
              std::string name = "e(P@" + std::to_string(points[i].offset) + ", " + ElementName(a) +
                                 ") * e(P@" + std::to_string(points[j].offset) + ", " +
                                 ElementName(b) + ")" + (sign > 0 ? "" : "^-1");
              auto bytes = inv.ToBytes();
              std::string key = name;
              key.push_back('\0');
              key.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
              auto [it, fresh] = seen.try_emplace(std::move(key), v);
              if (fresh || uf.Find(it->second) == uf.Find(v)) continue;
              uf.Join(it->second, v);
              ++out.links;
              ++merges[name];
            }
          }
        }
      }
    }
  }
  uint64_t best = 0;
  for (const auto& [name, n] : merges) {
    if (n > best) best = n, out.best_invariant = name;
  }
  out.label.resize(values.size());
  for (size_t v = 0; v < values.size(); ++v) out.label[v] = static_cast<uint32_t>(uf.Find(v));
  return out;
}

}  // namespace sselab::leakage::attacks
