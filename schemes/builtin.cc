#include "schemes/builtin.h"

#include <cstdlib>

#include "index/blind/blind_scheme.h"
#include "index/plaintext/plaintext_scheme.h"
#include "peks/peks_schemes.h"
#include "sse/diana/diana_del_scheme.h"
#include "sse/diana/diana_scheme.h"
#include "sse/mitra/mitra_scheme.h"
#include "sse/orion/orion_scheme.h"
#include "sse/oxt/oxt_scheme.h"
#include "sse/pack/pack_scheme.h"
#include "sse/pibas/pibas_scheme.h"
#include "sse/sophos/sophos_scheme.h"
#include "sse/twolev/twolev_scheme.h"

namespace sselab::schemes {
namespace {

index::Registry Build() {
  index::Registry r;
  for (index::SchemeEntry e :
       {index::plaintext::PlaintextScheme(), sse::pibas::PibasScheme(), sse::pack::PackScheme(),
        sse::twolev::TwolevScheme(), sse::diana::DianaScheme(), sse::diana::DianaDelScheme(),
        sse::sophos::SophosScheme(), sse::mitra::MitraScheme(), sse::orion::OrionScheme(),
        sse::oxt::OxtScheme(), index::blind::BlindScheme(), peks::Bdop04Scheme(),
        peks::Hl17Scheme(), peks::PaeksDhScheme()}) {
    if (!r.Register(std::move(e)).ok()) std::abort();  // two built-ins share a name: a bug
  }
  return r;
}

}  // namespace

const index::Registry& BuiltinRegistry() {
  static const index::Registry registry = Build();
  return registry;
}

}  // namespace sselab::schemes
