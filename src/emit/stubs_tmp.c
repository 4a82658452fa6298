#include "emit.h"
void emit_keys_md(const Plan *p, Buf *o) { (void)p; (void)o; }
void emit_keys_json(const Plan *p, Buf *o) { (void)p; (void)o; }
void emit_types(const Plan *p, Buf *o) { (void)p; (void)o; }
void emit_types_ts(const Plan *p, Buf *o) { (void)p; (void)o; }
void emit_types_go(const Plan *p, Buf *o) { (void)p; (void)o; }
void emit_types_py(const Plan *p, Buf *o) { (void)p; (void)o; }
void emit_loadtest(const Plan *p, Buf *o) { (void)p; (void)o; }
void emit_env(const Plan *p, Buf *o) { (void)p; (void)o; }
void emit_compose(const Plan *p, Buf *o) { (void)p; (void)o; }
const char *emit_types_path(const Plan *p) { (void)p; return "types.ts"; }
