#include "base/tls_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <string>

namespace sselab {

Status CheckTlsFiles(const TlsFiles& files, std::string_view role, std::string_view option_prefix) {
  const std::string who(role);
  const std::string prefix(option_prefix);
  struct Named {
    const std::filesystem::path& path;
    std::string option;
  };
  for (const Named& f : {Named{files.cert, prefix + "-cert"}, Named{files.key, prefix + "-key"},
                         Named{files.ca, prefix + "-ca"}}) {
    if (f.path.empty()) {
      return InvalidArgumentError(who + ": " + f.option +
                                  " is required (there is no connection without TLS)");
    }
    struct stat st {};
    if (::stat(f.path.c_str(), &st) != 0) {
      return NotFoundError(who + ": " + f.option + " " + f.path.string() + " does not exist");
    }
    if (!S_ISREG(st.st_mode)) {
      return InvalidArgumentError(who + ": " + f.option + " " + f.path.string() +
                                  " is not a regular file");
    }
    if (&f.path == &files.key && (st.st_mode & 077) != 0) {
      return InvalidArgumentError(who + ": private key " + f.path.string() +
                                  " is readable by others; run chmod 600 " + f.path.string());
    }
    if (::access(f.path.c_str(), R_OK) != 0) {
      return IoError(who + ": cannot read " + f.path.string());
    }
  }
  if (files.refresh_seconds < 1) {
    return InvalidArgumentError(who + ": the TLS files' refresh interval must be >= 1 s");
  }
  return OkStatus();
}

}  // namespace sselab
