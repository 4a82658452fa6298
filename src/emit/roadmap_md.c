/* ROADMAP.md and `plinth roadmap --json`: the roadmap as the plan holds it
 * (src/plan/roadmap.c decides everything printed here). */
#include "emit.h"
#include "../util/esc.h"

static const char *const phase_name[3] = {"MVP", "beta", "production"};

/* Over the deadline: what to cut first, and the team that would fit. */
static void over_deadline(const Roadmap *r, Buf *o) {
  if (r->deadline_days >= 1)
    buf_printf(o, "Over: the schedule takes %.1f working days against %.0f to the deadline, %.1f too many.\n\n",
               r->duration_days, r->deadline_days, r->overshoot_days);
  else
    buf_printf(o, "Over: the schedule takes %.1f working days against a deadline of %.*s.\n\n", r->duration_days,
               STRF(r->deadline_text));
  if (r->past_critical)
    buf_printf(o, "The critical path alone takes %.1f working days, longer than the deadline: no number of developers "
                  "meets it, since they shorten the schedule, not the chain of tasks each waiting on the last.\n\n",
               r->critical_days);
  if (r->ncut) {
    buf_puts(o, "Cut first, from the beta scope, largest saving first:\n\n");
    for (int i = 0; i < r->ncut; i++) {
      buf_printf(o, "%d. ", i + 1);
      esc_md(o, r->tasks[r->cut[i]].name);
      buf_printf(o, " (%.1f days)\n", r->tasks[r->cut[i]].days);
    }
    buf_printf(o, "\nWithout them the schedule takes %.1f working days%s.\n\n", r->cut_duration,
               r->cut_duration <= r->deadline_days + 1e-9 ? ", within the deadline" : ", still over the deadline");
  }
  if (r->devs_needed)
    buf_printf(o, "With %d developers the full scope fits the deadline.\n\n", r->devs_needed);
  else if (!r->past_critical)
    buf_puts(o, "No team of up to 64 developers fits the full scope: the critical path alone is too long.\n\n");
}

static void deadline(const Plan *p, const Roadmap *r, Buf *o) {
  const Project *pr = &p->model->project;
  buf_puts(o, "## Deadline\n\n");
  if (r->start_date.n) {
    buf_printf(o, "Work starts on %.*s; at this pace the last task ends on %.*s", STRF(r->start_date),
               STRF(r->finish_date));
    if (r->deadline_date.n)
      buf_printf(o, ", %s the deadline of %.*s (%.*s)", r->on_track ? "within" : "after", STRF(r->deadline_date),
                 STRF(r->deadline_text.n ? r->deadline_text : S("not checked")));
    buf_puts(o, ". Working days are Monday to Friday; holidays are not counted.\n\n");
  } else if (pr->deadline_date.n)
    buf_printf(o, "The deadline is %.*s, but the spec has no start date, so the schedule is not checked against it: "
                  "add `start YYYY-MM-DD` to the project.\n\n", STRF(pr->deadline_date));
  if (!r->has_deadline)
    buf_puts(o, pr->deadline_date.n ? "" : "The spec sets no deadline.\n\n");
  else if (r->on_track)
    buf_printf(o, "On track: %.1f of the %.0f working days to the deadline, %.1f to spare.\n\n", r->duration_days,
               r->deadline_days, r->deadline_days - r->duration_days);
  else
    over_deadline(r, o);
}

static void milestones(const Roadmap *r, Buf *o) {
  buf_puts(o, "## Milestones\n\n");
  for (int k = 0; k < 3; k++) {
    const Milestone *m = &r->milestones[k];
    buf_printf(o, "### %.*s: day %.1f", STRF(m->name), m->day);
    if (m->date.n)
      buf_printf(o, " (%.*s)", STRF(m->date));
    buf_puts(o, "\n\nSuccess criteria:\n\n");
    for (int i = 0; i < m->ncriteria; i++) {
      buf_puts(o, "- ");
      esc_md(o, m->criteria[i]);
      buf_putc(o, '\n');
    }
    buf_putc(o, '\n');
  }
}

/* The schedule as a Mermaid Gantt chart, one section per phase. */
static void gantt(const Roadmap *r, Str name, Buf *o) {
  buf_puts(o, "\n## Schedule\n\nWorking days from the start (day 1 is the first morning); critical tasks are "
              "marked.\n\n```mermaid\ngantt\n  title ");
  esc_mermaid(o, name);
  buf_puts(o, " roadmap\n  dateFormat X\n  axisFormat %j\n");
  for (int k = 0; k < 3; k++) {
    buf_printf(o, "  section %s\n", phase_name[k]);
    for (int i = 0; i < r->ntasks; i++) {
      const Task *t = &r->tasks[i];
      if (t->phase != k)
        continue;
      buf_puts(o, "  ");
      esc_mermaid(o, t->name);
      buf_printf(o, " :%st%d, %.0f, %.0f\n", t->critical ? "crit, " : "", i, t->start * 86400, t->finish * 86400);
    }
    buf_printf(o, "  %s done :milestone, m%d, %.0f, 0d\n", phase_name[k], k, r->milestones[k].day * 86400);
  }
  buf_puts(o, "```\n\n");
}

static void task_table(const Roadmap *r, Buf *o) {
  buf_puts(o, "## Tasks\n\n| task | days | needs | start | finish | developer | slack |\n"
              "| --- | ---: | --- | ---: | ---: | ---: | ---: |\n");
  for (int i = 0; i < r->ntasks; i++) {
    const Task *t = &r->tasks[i];
    buf_puts(o, "| ");
    esc_md(o, t->name);
    buf_printf(o, " (`%.*s`) | %.1f | ", STRF(t->id), t->days);
    for (int k = 0; k < t->ndeps; k++)
      buf_printf(o, "%s`%.*s`", k ? ", " : "", STRF(r->tasks[t->deps[k]].id));
    buf_printf(o, "%s | %.1f | %.1f | %d | %.1f |\n", t->ndeps ? "" : "none", t->start, t->finish, t->dev, t->slack);
  }
  buf_puts(o, "\nHow each estimate was made:\n\n");
  for (int i = 0; i < r->ntasks; i++) {
    buf_printf(o, "- `%.*s`: ", STRF(r->tasks[i].id));
    esc_md(o, r->tasks[i].basis);
    buf_putc(o, '\n');
  }
}

static void start_today(const Roadmap *r, Buf *o) {
  buf_puts(o, "\n## Where to start today\n\n");
  if (!r->nstart)
    buf_puts(o, "The knowledge base has no first steps for this language yet.\n\n");
  for (int i = 0; i < r->nstart; i++) {
    buf_printf(o, "%d. ", i + 1);
    esc_md(o, r->start_title[i]);
    buf_puts(o, ":\n\n   ```sh\n   ");
    buf_str(o, r->start_command[i]);
    buf_puts(o, "\n   ```\n\n");
  }
}

static void pitfalls(const Roadmap *r, TeamLevel level, Buf *o) {
  buf_printf(o, "## Pitfalls for a %s team on this stack\n\n", team_level_name(level));
  if (!r->npitfalls)
    buf_puts(o, "The knowledge base records none for this stack and level.\n");
  for (int i = 0; i < r->npitfalls; i++) {
    const KbRecord *k = r->pitfalls[i];
    buf_puts(o, "- **");
    esc_md(o, rec_text(k, "name")); /* kb text, printed as written */
    buf_puts(o, "**: ");
    esc_md(o, rec_text(k, "says"));
    buf_puts(o, " Avoid it: ");
    esc_md(o, rec_text(k, "avoid"));
    buf_printf(o, " (<%.*s>)\n", STRF(rec_text(k, "url")));
  }
}

void emit_roadmap_md(const Plan *p, Buf *o) {
  const Roadmap *r = p->roadmap;
  const Project *pr = &p->model->project;
  buf_puts(o, "# Roadmap for ");
  esc_md(o, pr->name);
  buf_printf(o, "\n\n%d tasks take %.1f working days for %d developer%s; the critical path is %.1f working days, "
                "the floor with any number of developers. Estimates: %.*s.\n\n",
             r->ntasks, r->duration_days, r->devs, r->devs == 1 ? "" : "s", r->critical_days, STRF(r->level_basis));
  deadline(p, r, o);
  milestones(r, o);
  buf_puts(o, "## Critical path\n\n");
  for (int i = 0; i < r->ncritical; i++) {
    const Task *t = &r->tasks[r->critical[i]];
    buf_printf(o, "%d. ", i + 1);
    esc_md(o, t->name);
    buf_printf(o, " (%.1f days)\n", t->days);
  }
  gantt(r, pr->name, o);
  task_table(r, o);
  start_today(r, o);
  pitfalls(r, pr->level, o);
}

void emit_roadmap_json(const Plan *p, Buf *out) {
  Json j = {.out = out, .schema = PLINTH_SCHEMA_BASE "roadmap.schema.json"};
  json_roadmap(&j, p);
  buf_putc(out, '\n');
}

/* A date, or null where there is none. */
static void opt_date(Json *j, Str date) {
  if (date.n)
    json_str(j, date);
  else
    json_null(j);
}

/* Tasks by their ids: which[0..n) index r->tasks. */
static void task_ids(Json *j, const Roadmap *r, const int *which, int n) {
  json_arr(j);
  for (int i = 0; i < n; i++)
    json_str(j, r->tasks[which[i]].id);
  json_end_arr(j);
}

static void task_json(Json *j, const Roadmap *r, const Task *t) {
  json_obj(j);
  json_key(j, "id");
  json_str(j, t->id);
  json_key(j, "name");
  json_str(j, t->name);
  json_key(j, "phase");
  json_cstr(j, phase_name[t->phase]);
  json_key(j, "days");
  json_num(j, t->days);
  json_key(j, "deps");
  task_ids(j, r, t->deps, t->ndeps);
  json_key(j, "start");
  json_num(j, t->start);
  json_key(j, "finish");
  json_num(j, t->finish);
  json_key(j, "dev");
  json_num(j, t->dev);
  json_key(j, "slack");
  json_num(j, t->slack);
  json_key(j, "basis");
  json_str(j, t->basis);
  json_end_obj(j);
}

static void milestone_json(Json *j, const Milestone *m) {
  json_obj(j);
  json_key(j, "name");
  json_str(j, m->name);
  json_key(j, "day");
  json_num(j, m->day);
  json_key(j, "date");
  opt_date(j, m->date);
  json_key(j, "criteria");
  json_arr(j);
  for (int i = 0; i < m->ncriteria; i++)
    json_str(j, m->criteria[i]);
  json_end_arr(j);
  json_end_obj(j);
}

static void deadline_json(Json *j, const Roadmap *r) {
  json_key(j, "deadline");
  if (!r->has_deadline) {
    json_null(j);
    return;
  }
  json_obj(j);
  json_key(j, "days");
  json_num(j, r->deadline_days);
  json_key(j, "date");
  opt_date(j, r->deadline_date);
  json_key(j, "on_track");
  json_bool(j, r->on_track);
  json_key(j, "overshoot_days");
  json_num(j, r->overshoot_days);
  json_key(j, "cut_first");
  task_ids(j, r, r->cut, r->ncut);
  json_key(j, "devs_needed");
  json_num(j, r->devs_needed);
  json_key(j, "critical_path_longer");
  json_bool(j, r->past_critical);
  json_end_obj(j);
}

void json_roadmap(Json *jp, const Plan *p) {
  const Roadmap *r = p->roadmap;
  Json j = *jp;
  json_obj(&j);
  json_key(&j, "tasks");
  json_arr(&j);
  for (int i = 0; i < r->ntasks; i++)
    task_json(&j, r, &r->tasks[i]);
  json_end_arr(&j);
  json_key(&j, "critical_path");
  task_ids(&j, r, r->critical, r->ncritical);
  json_key(&j, "critical_days");
  json_num(&j, r->critical_days);
  json_key(&j, "duration_days");
  json_num(&j, r->duration_days);
  json_key(&j, "devs");
  json_num(&j, r->devs);
  json_key(&j, "milestones");
  json_arr(&j);
  for (int k = 0; k < 3; k++)
    milestone_json(&j, &r->milestones[k]);
  json_end_arr(&j);
  json_key(&j, "start_date");
  opt_date(&j, r->start_date);
  json_key(&j, "finish_date");
  opt_date(&j, r->finish_date);
  deadline_json(&j, r);
  json_end_obj(&j);
  *jp = j;
}
