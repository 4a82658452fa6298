/* RISKS.md: the risk register, the top three in detail, the STRIDE review
 * per data flow and the review checklist (all decided in src/plan/). */
#include "emit.h"
#include "../util/esc.h"

static void locate(const Plan *p, Span s, Buf *o) {
  int line = 1;
  const Str t = p->model->file->text;
  for (ptrdiff_t i = 0; i < s.off && i < t.n; i++)
    line += t.p[i] == '\n';
  buf_printf(o, "spec line %d", line);
}

void emit_risks_md(const Plan *p, Buf *o) {
  buf_puts(o, "# Risks for ");
  esc_md(o, p->model->project.name);
  buf_printf(o, "\n\n%d risk%s fired from the knowledge base's rules against this plan, highest impact times "
                "probability first.\n\n## Register\n\n",
             p->nrisks, p->nrisks == 1 ? "" : "s");
  if (p->nrisks) {
    buf_puts(o, "| # | risk | impact | probability | owner | mitigation | from |\n| ---: | --- | --- | --- | --- | --- | --- |\n");
    for (int i = 0; i < p->nrisks; i++) {
      const Risk *r = &p->risks[i];
      buf_printf(o, "| %d | ", i + 1);
      esc_md(o, r->name);
      buf_printf(o, " (`%.*s`)", STRF(r->id));
      buf_printf(o, " | %.*s | %.*s | %.*s | ", STRF(r->impact_word), STRF(r->probability_word), STRF(r->owner));
      esc_md(o, r->mitigation);
      buf_puts(o, " | ");
      locate(p, r->span, o);
      buf_puts(o, " |\n");
    }
    buf_puts(o, "\n## Top risks\n\n");
  }
  for (int i = 0; i < p->nrisks && i < 3; i++) {
    const Risk *r = &p->risks[i];
    buf_printf(o, "### %d. ", i + 1);
    esc_md(o, r->name);
    buf_printf(o, "\n\nImpact %.*s, probability %.*s; owner: %.*s; from ", STRF(r->impact_word),
               STRF(r->probability_word), STRF(r->owner));
    locate(p, r->span, o);
    buf_puts(o, ".\n\nWhy: ");
    esc_md(o, r->why);
    buf_puts(o, "\n\nMitigation: ");
    esc_md(o, r->mitigation);
    Str url = rec_text(r->rule, "url");
    if (url.n)
      buf_printf(o, "\n\nReference: <%.*s>", STRF(url));
    buf_puts(o, "\n\n");
  }
  buf_puts(o, "## Security review (STRIDE per data flow)\n\n");
  static const char *const cat[6] = {"Spoofing", "Tampering", "Repudiation", "Information disclosure",
                                     "Denial of service", "Elevation of privilege"};
  for (int i = 0; i < p->nstride; i++) {
    buf_puts(o, "### ");
    esc_md(o, p->stride[i].flow);
    buf_puts(o, "\n\n| threat | mitigation in this plan |\n| --- | --- |\n");
    for (int c = 0; c < 6; c++) {
      buf_printf(o, "| %s | ", cat[c]);
      esc_md(o, p->stride[i].threat[c]);
      buf_puts(o, " |\n");
    }
    buf_putc(o, '\n');
  }
  buf_puts(o, "## Review checklist\n\n| template | item | result | reason |\n| --- | --- | --- | --- |\n");
  static const char *const status[3] = {"pass", "fail", "not applicable"};
  for (int i = 0; i < p->nreview; i++) {
    const ReviewItem *it = &p->review[i];
    buf_printf(o, "| %.*s | ", STRF(it->template_name));
    esc_md(o, it->item);
    buf_printf(o, " | %s | ", status[it->status]);
    esc_md(o, it->reason);
    buf_puts(o, " |\n");
  }
}

void json_risks(Json *j, const Plan *p) {
  static const char *const cat[6] = {"spoofing", "tampering", "repudiation", "disclosure", "dos", "elevation"};
  static const char *const status[3] = {"pass", "fail", "not-applicable"};
  json_obj(j);
  json_key(j, "register");
  json_arr(j);
  for (int i = 0; i < p->nrisks; i++) {
    const Risk *r = &p->risks[i];
    json_obj(j);
    json_key(j, "id");
    json_str(j, r->id);
    json_key(j, "name");
    json_str(j, r->name);
    json_key(j, "impact");
    json_str(j, r->impact_word);
    json_key(j, "probability");
    json_str(j, r->probability_word);
    json_key(j, "owner");
    json_str(j, r->owner);
    json_key(j, "why");
    json_str(j, r->why);
    json_key(j, "mitigation");
    json_str(j, r->mitigation);
    json_end_obj(j);
  }
  json_end_arr(j);
  json_key(j, "stride");
  json_arr(j);
  for (int i = 0; i < p->nstride; i++) {
    json_obj(j);
    json_key(j, "flow");
    json_str(j, p->stride[i].flow);
    for (int c = 0; c < 6; c++) {
      json_key(j, cat[c]);
      json_str(j, p->stride[i].threat[c]);
    }
    json_end_obj(j);
  }
  json_end_arr(j);
  json_key(j, "review");
  json_arr(j);
  for (int i = 0; i < p->nreview; i++) {
    const ReviewItem *it = &p->review[i];
    json_obj(j);
    json_key(j, "id");
    json_str(j, it->id);
    json_key(j, "template");
    json_str(j, it->template_name);
    json_key(j, "item");
    json_str(j, it->item);
    json_key(j, "result");
    json_cstr(j, status[it->status]);
    json_key(j, "reason");
    json_str(j, it->reason);
    json_end_obj(j);
  }
  json_end_arr(j);
  json_end_obj(j);
}
