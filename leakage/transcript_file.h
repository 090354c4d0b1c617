// Saving and loading transcripts, so measures and attacks can be re-run without re-running
// the schemes.
//
// File layout: "SSELTRN1" | BE32 format version | BE64 body length | body | SHA-256(body).
// The body holds the server's view, then the ground truth, in that order (see
// transcript_file.cc for the field-by-field encoding). A file that is truncated, has
// trailing bytes, or fails its checksum is rejected with kCorruption naming the file and
// what is wrong; an existing file is never overwritten by a partial one.
#ifndef SSELAB_LEAKAGE_TRANSCRIPT_FILE_H_
#define SSELAB_LEAKAGE_TRANSCRIPT_FILE_H_

#include <filesystem>

#include "base/result.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

inline constexpr uint32_t kTranscriptVersion = 1;

Bytes EncodeTranscript(const Transcript& t);
// `what` names the source in errors (e.g. the file name).
Result<Transcript> DecodeTranscript(ByteView data, std::string_view what);

Status SaveTranscript(const Transcript& t, const std::filesystem::path& path);
Result<Transcript> LoadTranscript(const std::filesystem::path& path);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_TRANSCRIPT_FILE_H_
