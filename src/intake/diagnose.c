/* plinth diagnose (placeholder while written). */
#include "intake.h"
int intake_diagnose(Arena *a, const Kb *kb, const Plan *plan, Str text, Buf *md, Buf *json) {
  (void)a; (void)kb; (void)plan; (void)text; (void)md; (void)json;
  return 0;
}
