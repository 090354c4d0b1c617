// Query: what a search asks for, a keyword or a conjunction of keywords.
//
// Every scheme answers conjunctions (Client::SearchConjunction): a scheme with native
// support (Capabilities::conjunctive, e.g. OXT) evaluates the conjunction with the server;
// any other searches each term alone and intersects the results on the client, so that
// the server learns every term's full result (LeakageProfile::conjunction says which).
//
// The text form, read by Query::Parse and written by Query::ToString:
//   query := group { "AND" group }
//   group := term | "(" query ")"
//   term  := bare | quoted
//   bare  := a run of bytes other than space, tab, newline, '(' , ')' and '"'
//   quoted:= '"' { any byte but '"' and '\', or '\"', or '\\' } '"'
// `AND` is the operator only in capitals and unquoted; "AND", "OR" and "NOT" quoted are
// keywords. Bare `OR` and `NOT` are refused (no disjunction or negation is offered), as
// are two terms side by side without AND. Parentheses only group: a conjunction of
// conjunctions is one conjunction. Examples:
//   from:alice AND invoice
//   "naïve café" AND (kw1 AND kw2)
#ifndef SSELAB_INDEX_QUERY_H_
#define SSELAB_INDEX_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace sselab::index {

struct Query {
  // At least one term; each a valid keyword (ValidateKeyword); no term twice, in the
  // order first given.
  std::vector<std::string> terms;

  // Parses the text form above. kInvalidArgument, naming the column (1-based byte offset)
  // and what is wrong there: an empty query, AND with no term on one side, an empty or
  // overlong term, an unterminated quote, an unmatched parenthesis, OR or NOT, or two
  // terms not joined by AND.
  static Result<Query> Parse(std::string_view text);
  // A query of the given terms (a keyword alone, or a conjunction): kInvalidArgument for
  // no terms or an invalid keyword; duplicates are dropped.
  static Result<Query> Of(std::vector<std::string> terms);

  // The canonical text form: terms joined by " AND ", quoted where Parse needs it.
  // Parse(ToString()) gives the same query.
  std::string ToString() const;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_QUERY_H_
