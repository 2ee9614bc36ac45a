/* include/nonsmooth/parse.h: text -> ns_function ("max(0,x)",
   "abs(x-1)+2*abs(x)"), with the column and a message on error. */
#ifndef NONSMOOTH_PARSE_H
#define NONSMOOTH_PARSE_H

#include <nonsmooth/function.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NS_PARSE_MAX_LENGTH 4096  /* longest accepted text, in bytes */
#define NS_PARSE_MAX_DEPTH 200    /* deepest accepted nesting of parentheses and operators */

typedef struct ns_parse_error {
  int column;       /* 1-based character column of the error; 0 when there is none */
  char text[160];   /* what was expected near what, e.g. "expected ')' near ','" */
} ns_parse_error;

/* Parses TEXT into *OUT (NULL on failure).  ERR may be NULL; when given it
   is filled on failure and cleared (column 0) on success.  Returns NS_OK,
   NS_EPARSE, NS_EINVAL (NULL text or out), NS_ELIMIT (text too long or
   nested too deeply; also reported in ERR) or NS_ENOMEM. */
ns_status ns_fn_parse (const char *text, ns_function **out, ns_parse_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_PARSE_H */
