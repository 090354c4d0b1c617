#include "crypto/pairing/vector_check.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/bytes.h"
#include "crypto/pairing/encoding.h"
#include "crypto/pairing/hash_to_curve.h"
#include "crypto/pairing/pairing.h"

namespace sselab::crypto::pairing {
namespace {

using Json = nlohmann::json;

Result<Fp> ParseFp(std::string s) {
  if (s.rfind("0x", 0) == 0) s = s.substr(2);
  if (s.size() > 96) return InvalidArgumentError("field element longer than 48 bytes");
  SSELAB_ASSIGN_OR_RETURN(Bytes b, HexDecode(std::string(96 - s.size(), '0') + s));
  return Fp::FromBytes(b);
}

Result<Fp2> ParseFp2(const std::string& s) {
  const size_t comma = s.find(',');
  if (comma == std::string::npos) return InvalidArgumentError("Fp2 value without ','");
  SSELAB_ASSIGN_OR_RETURN(Fp c0, ParseFp(s.substr(0, comma)));
  SSELAB_ASSIGN_OR_RETURN(Fp c1, ParseFp(s.substr(comma + 1)));
  return Fp2(c0, c1);
}

class Checker {
 public:
  explicit Checker(std::string name) : name_(std::move(name)) {}

  // Runs `check` (returning Status) on one vector, catching JSON type errors.
  template <typename F>
  void One(const std::string& section, size_t index, F&& check) {
    Status s;
    try {
      s = check();
    } catch (const Json::exception& e) {
      s = InvalidArgumentError(std::string("malformed vector: ") + e.what());
    }
    if (s.ok()) {
      ++report_.passed;
    } else {
      ++report_.failed;
      report_.failures.push_back(name_ + ": " + section + " #" + std::to_string(index) + ": " +
                                 s.error().message());
    }
  }
  VectorCheckReport Take() { return std::move(report_); }

 private:
  std::string name_;
  VectorCheckReport report_;
};

Status Mismatch(const std::string& what) { return CorruptionError(what + " does not match"); }

template <typename G, typename F, typename Hash, typename Parse, typename Field>
Status CheckHashVector(const Json& v, const std::string& dst, Hash hash, Parse parse, Field field) {
  const std::string msg = v.at("msg");
  SSELAB_ASSIGN_OR_RETURN(G p, hash(AsBytes(msg), AsBytes(dst)));
  SSELAB_ASSIGN_OR_RETURN(F ex, parse(v.at("P").at("x").template get<std::string>()));
  SSELAB_ASSIGN_OR_RETURN(F ey, parse(v.at("P").at("y").template get<std::string>()));
  F x, y;
  if (!p.ToAffine(&x, &y) || !(x == ex) || !(y == ey)) return Mismatch("P");
  if (v.contains("u")) {
    SSELAB_ASSIGN_OR_RETURN(auto u, field(AsBytes(msg), AsBytes(dst), v.at("u").size()));
    for (size_t i = 0; i < u.size(); ++i) {
      SSELAB_ASSIGN_OR_RETURN(F eu, parse(v.at("u")[i].template get<std::string>()));
      if (!(u[i] == eu)) return Mismatch("u[" + std::to_string(i) + "]");
    }
  }
  return OkStatus();
}

void CheckHashFile(const Json& j, Checker& c) {
  const std::string suite = j.at("ciphersuite");
  const std::string dst = j.at("dst");
  const bool g1 = suite == "BLS12381G1_XMD:SHA-256_SSWU_RO_";
  const auto& vs = j.at("vectors");
  for (size_t i = 0; i < vs.size(); ++i) {
    c.One(suite, i, [&]() -> Status {
      if (g1) return CheckHashVector<G1, Fp>(vs[i], dst, HashToG1, ParseFp, HashToFieldFp);
      return CheckHashVector<G2, Fp2>(vs[i], dst, HashToG2, ParseFp2, HashToFieldFp2);
    });
  }
}

void CheckPairingFile(const Json& j, Checker& c) {
  const auto& ps = j.at("pairing");
  for (size_t i = 0; i < ps.size(); ++i) {
    c.One("pairing", i, [&]() -> Status {
      SSELAB_ASSIGN_OR_RETURN(Bytes pb, HexDecode(ps[i].at("P").get<std::string>()));
      SSELAB_ASSIGN_OR_RETURN(Bytes qb, HexDecode(ps[i].at("Q").get<std::string>()));
      SSELAB_ASSIGN_OR_RETURN(Bytes eb, HexDecode(ps[i].at("e").get<std::string>()));
      SSELAB_ASSIGN_OR_RETURN(G1 p, G1FromCompressed(pb));
      SSELAB_ASSIGN_OR_RETURN(G2 q, G2FromCompressed(qb));
      SSELAB_ASSIGN_OR_RETURN(Gt e, Gt::FromBytes(eb));
      return Pairing(p, q) == e ? OkStatus() : Mismatch("e(P, Q)");
    });
  }
  auto muls = [&c, &j](const char* key, auto gen, auto encode) {
    if (!j.contains(key)) return;
    const auto& ms = j.at(key);
    for (size_t i = 0; i < ms.size(); ++i) {
      c.One(key, i, [&]() -> Status {
        SSELAB_ASSIGN_OR_RETURN(Bytes kb, HexDecode(ms[i].at("k").get<std::string>()));
        SSELAB_ASSIGN_OR_RETURN(Fr k, Fr::FromBytes(kb));
        const std::string got = HexEncode(encode(gen().Mul(k)));
        return got == ms[i].at("P").get<std::string>() ? OkStatus() : Mismatch("k * generator");
      });
    }
  };
  muls("g1_mul", G1Generator, G1ToCompressed);
  muls("g2_mul", G2Generator, G2ToCompressed);
  if (j.contains("hash_to_fr")) {
    const auto& hs = j.at("hash_to_fr");
    for (size_t i = 0; i < hs.size(); ++i) {
      c.One("hash_to_fr", i, [&]() -> Status {
        const std::string msg = hs[i].at("msg"), dst = hs[i].at("dst");
        SSELAB_ASSIGN_OR_RETURN(Fr s, HashToFr(AsBytes(msg), AsBytes(dst)));
        std::array<uint8_t, 32> sb{};
        s.ToBytes(sb);
        return HexEncode(sb) == hs[i].at("s").get<std::string>() ? OkStatus()
                                                                 : Mismatch("hash_to_fr");
      });
    }
  }
}

}  // namespace

Result<VectorCheckReport> CheckVectorsJson(const std::string& json, const std::string& name) {
  const Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgumentError(name + ": not valid JSON");
  Checker c(name);
  if (j.is_object() && j.contains("pairing") && j.at("pairing").is_array()) {
    CheckPairingFile(j, c);
  } else if (j.is_object() && j.contains("ciphersuite") && j.contains("dst") &&
             j.contains("vectors") && j.at("ciphersuite").is_string() && j.at("dst").is_string() &&
             j.at("vectors").is_array()) {
    const std::string suite = j.at("ciphersuite");
    if (suite != "BLS12381G1_XMD:SHA-256_SSWU_RO_" && suite != "BLS12381G2_XMD:SHA-256_SSWU_RO_") {
      return InvalidArgumentError(name + ": unsupported ciphersuite " + suite);
    }
    CheckHashFile(j, c);
  } else {
    return InvalidArgumentError(name + ": neither RFC 9380 hash-to-curve nor pairing vectors");
  }
  return c.Take();
}

Result<VectorCheckReport> CheckVectorFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open vector file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError("cannot read vector file " + path);
  return CheckVectorsJson(ss.str(), path);
}

}  // namespace sselab::crypto::pairing
