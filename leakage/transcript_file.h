// Saving and loading transcripts, so measures and attacks can be re-run without re-running
// the schemes.
//
// A transcript is two files, so that the server's view can be shared as what the server
// saw without any plaintext next to it:
//   the view   "SSELVIEW" | BE32 version | BE64 body length | body | SHA-256(body)
//   the truth  "SSELTRTH" | BE32 version | BE64 body length | body | SHA-256(body)
// The truth's body starts with the SHA-256 of the view file it was recorded with, so a
// truth is never scored against another view. transcript_file.cc gives the field-by-field
// encoding. A file that is truncated, has trailing bytes, or fails its checksum is rejected
// with kCorruption naming the file and what is wrong; an existing file is never
// overwritten by a partial one.
#ifndef SSELAB_LEAKAGE_TRANSCRIPT_FILE_H_
#define SSELAB_LEAKAGE_TRANSCRIPT_FILE_H_

#include <filesystem>

#include "base/result.h"
#include "leakage/transcript.h"

namespace sselab::leakage {

// Version 4 added the operation kinds kUpdate and kUnknown; its encoding is version 3's,
// so version 3 files are read too.
inline constexpr uint32_t kTranscriptVersion = 4;
inline constexpr uint32_t kOldestTranscriptVersion = 3;

Bytes EncodeView(const ServerView& view);
// `what` names the source in errors (e.g. the file name).
Result<ServerView> DecodeView(ByteView data, std::string_view what);
// `view_file` is the encoded view the truth belongs to.
Bytes EncodeTruth(const GroundTruth& truth, ByteView view_file);
// kCorruption also when the truth was recorded with another view than `view_file`, or
// its operation count differs from the view's.
Result<GroundTruth> DecodeTruth(ByteView data, ByteView view_file, size_t view_ops,
                                std::string_view what);

// The truth file that goes with a view file by default: VIEW.truth.
std::filesystem::path DefaultTruthPath(const std::filesystem::path& view_path);

// Writes the view to `view_path` and, unless `truth_path` is empty, the ground truth to
// `truth_path`.
Status SaveTranscript(const Transcript& t, const std::filesystem::path& view_path,
                      const std::filesystem::path& truth_path);
// Loads the view and, unless `truth_path` is empty, its ground truth (otherwise the
// returned truth has no operations: HasTruth() is false).
Result<Transcript> LoadTranscript(const std::filesystem::path& view_path,
                                  const std::filesystem::path& truth_path);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_TRANSCRIPT_FILE_H_
