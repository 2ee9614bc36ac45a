/* lib/internal.h: marks functions shared between the library's own files
   as hidden, so the shared library exports the public API and nothing else
   (tests/test_exports.sh checks it). */
#ifndef NS_LIB_INTERNAL_H
#define NS_LIB_INTERNAL_H

#if defined(__GNUC__) && !defined(_WIN32)
# define NS_INTERNAL __attribute__ ((visibility ("hidden")))
#else
# define NS_INTERNAL
#endif

#endif /* NS_LIB_INTERNAL_H */
