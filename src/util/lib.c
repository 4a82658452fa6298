/* Shared libraries on demand (see lib.h). */
#include "lib.h"

#include <dlfcn.h>
#include <string.h>

bool lib_load(const char *const *const *libs, const char *const *names, int n, void *syms, Buf *err) {
  void *handles[8];
  int nh = 0;
  for (int g = 0; libs[g] && nh < 8; g++) {
    void *h = NULL;
    const char *why = NULL;
    for (int k = 0; libs[g][k] && !h; k++) {
      h = dlopen(libs[g][k], RTLD_LAZY | RTLD_GLOBAL);
      if (!h && !why)
        why = dlerror();
    }
    if (!h) {
      buf_printf(err, "cannot load %s: %s\n", libs[g][0], why ? why : "not found");
      return false;
    }
    handles[nh++] = h;
  }
  for (int i = 0; i < n; i++) {
    void *f = NULL;
    for (int k = 0; k < nh && !f; k++)
      f = dlsym(handles[k], names[i]);
    if (!f) {
      buf_printf(err, "cannot find %s in %s\n", names[i], libs[0][0]);
      return false;
    }
    /* A data pointer to a function pointer, as POSIX dlsym documents. */
    memcpy((char *)syms + (size_t)i * sizeof f, &f, sizeof f);
  }
  return true;
}
