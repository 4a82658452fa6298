/* plinth: the command table and dispatch; the commands are in cli/. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

typedef struct {
  const char *name;
  const char *summary;
  const char *usage;
  int (*run)(int argc, char **argv);
  const char *brief;      /* one line for `plinth --help` and the manual's NAME; NULL: the summary's first sentence */
} Command;

static int help_for(const Command *c) {
  printf("usage: %s\n\n%s\n", c->usage, c->summary);
  return 0;
}

static const Command commands[] = {
  {"check", "Parse and resolve a spec, build its plan and report every problem found, as file:line:col\n"
            "diagnostics at the spec line responsible: the language's own checks, then the review checklist\n"
            "(a budget the stack cannot meet, a p95 a request path cannot reach, a deadline the roadmap\n"
            "overshoots, an owner-only feature without auth, a relation without an index, ...).\n"
            "Exit status: 0 clean or warnings only, 1 errors in the spec, 2 usage or I/O errors.\n\n"
            "options:\n  --format text|json|sarif   diagnostics on stderr (default), or JSON or SARIF 2.1.0 on stdout\n"
            "  --deny warnings            treat warnings as errors (for CI); --werror is the same",
   "plinth check [--format text|json|sarif] [--deny warnings] [--werror] SPEC|-", cmd_check,
   "parse, resolve and review a spec; report every problem at its line"},
  {"model", "Print the resolved model: entities with derived rows and row sizes, relations both ways,\n"
            "ownership chains, features and every assumption made for what the spec left out.\n\n"
            "options:\n  --json     print the model as JSON (stable key order)\n  --werror   treat warnings as errors",
   "plinth model [--json] [--werror] SPEC|-", cmd_model,
   "print the resolved model with its derived facts and assumptions"},
  {"estimate", "Capacity, cost, latency and availability: requests per second (average, peak, design load),\n"
               "storage now and after 1 and 3 years, bandwidth, the monthly cost of each component against the\n"
               "budget, the latency of each request path against the p95 target, and the composite availability.\n\n"
               "options:\n  --json     print the figures as JSON\n  --explain  print every formula with its inputs\n"
               "  --kb DIR   also load DIR/*.kb into the knowledge base",
   "plinth estimate [--json] [--explain] [--kb DIR] SPEC|-", cmd_estimate,
   "capacity, cost, latency and availability figures with their formulas"},
  {"plan", "The technology plan: the architecture style and one decision per slot, each with the facts\n"
           "that decided it, every rejected alternative with its reason, and when to revisit it.\n\n"
           "options:\n  --format md|html|json  one combined document: every Markdown document with a table of\n"
           "                         contents, report.html, or the whole plan as JSON (default: the decisions)\n"
           "  -o DIR             write every artifact into DIR; files people edited since are left alone\n"
           "  --force            with -o, overwrite files people edited\n"
           "  --lock-wait SECONDS  with -o, how long to wait while another run writes DIR (default 120;\n"
           "                     0: fail at once); then exit 2 naming the folder and the other run\n"
           "  --adr-dir DIR      with -o, write the decision records in DIR inside the output folder\n"
           "                     (such as docs/adr; default adr)\n"
           "  --date YYYY-MM-DD  date of new decision records (default: SOURCE_DATE_EPOCH, else " ADR_DEFAULT_DATE ")\n"
           "  --only PART        print one artifact: decisions, json, ... (see the list on a wrong PART)\n"
           "  --kb DIR           also load DIR/*.kb",
   "plinth plan [--format md|html|json | -o DIR [--force] [--lock-wait S] [--adr-dir DIR] | --only PART] [--date D] [--kb DIR] "
   "SPEC|-",
   cmd_plan,
   "the technology plan, or every artifact of it with -o"},
  {"explain", "One decision in full: why this technology for this slot, every alternative and why not,\n"
              "the cost formula, and when to revisit.\n\noptions:\n  --kb DIR   also load DIR/*.kb",
   "plinth explain [--kb DIR] SPEC|- SLOT", cmd_explain,
   "one decision in full: reasons, alternatives, cost, when to revisit"},
  {"compare", "Two technologies of one slot side by side: a decision matrix (cost at the load, burden, skills,\n"
              "lock-in, hosting, latency, SLA), the winner of each row and overall, and a migration path from\n"
              "the loser to the winner with an effort estimate. Without --spec, for a stated default workload\n"
              "(10,000 users, 20% daily active, a team of 3).\n\n"
              "options:\n  --spec SPEC   compare for this spec's workload\n  --kb DIR      also load DIR/*.kb",
   "plinth compare A B [--spec SPEC] [--kb DIR]", cmd_compare,
   "two technologies of one slot side by side, for a workload"},
  {"roadmap", "The roadmap: tasks with estimates and dependencies, the critical path, the schedule for the\n"
              "team, milestones (MVP, beta, production) with success criteria, the deadline, where to start\n"
              "today and the stack's pitfalls for a team of this level.\n\n"
              "options:\n  --devs N   schedule for N developers instead of the team's size\n"
              "  --json     tasks, critical path, duration and milestones as JSON\n  --kb DIR   also load DIR/*.kb",
   "plinth roadmap [--devs N] [--json] [--kb DIR] SPEC|-", cmd_roadmap,
   "tasks, critical path, schedule, milestones and where to start"},
  {"kb", "Browse and check the knowledge base: the technologies Plinth chooses from, with every\n"
         "figure's source and date.\n\n"
         "  list [SLOT]  one line per technology, optionally of one slot (compute, database, ...)\n"
         "  show ID      every attribute and figure of one technology\n"
         "  check        load and validate the knowledge base\n\n"
         "options:\n  --kb DIR   also load DIR/*.kb; a record there replaces a built-in one with the same id",
   "plinth kb list [SLOT] | show ID | check  [--kb DIR]", cmd_kb,
   "browse and check the knowledge base"},
  {"new", "Draft a spec from an idea in plain English: the entities, fields, relations, features and figures\n"
          "the text implies, each guess marked '# assumed', and the questions whose answers would change the\n"
          "plan most (found by planning the draft again with each assumed figure varied).\n"
          "The idea is the arguments, or standard input with - or no argument.\n\n"
          "options:\n  -o FILE    write the draft to FILE (atomically); an existing FILE is kept unless --force\n"
          "  --force    replace FILE\n"
          "  --lock-wait SECONDS  how long to wait while another plinth run writes FILE's folder\n"
          "             (default 120; 0: fail at once); then exit 2\n  --json     print what was found as JSON, the draft included\n"
          "  --kb DIR   also load DIR/*.kb",
   "plinth new [-o FILE [--force] [--lock-wait S]] [--json] [--kb DIR] \"IDEA TEXT\"|-", cmd_new,
   "draft a spec from an idea in plain English"},
  {"diagnose", "Rank the likely causes of symptoms and metrics ('p95 3s under load', 'database cpu 95%',\n"
               "'error rate 5%'), one per line: for each cause the evidence to look for, why it happens, the fix\n"
               "(with an example for the plan's stack when --spec is given), immediate actions, long-term\n"
               "improvements and the expected before and after. The symptoms are the arguments (one line each),\n"
               "or standard input with - or no argument.\n\n"
               "options:\n  --spec SPEC   the system's spec, for examples in its database, compute and language\n"
               "  --json        print the ranking as JSON\n  --kb DIR      also load DIR/*.kb",
   "plinth diagnose [--spec SPEC] [--json] [--kb DIR] [SYMPTOMS|-]", cmd_diagnose,
   "rank the likely causes of symptoms, with evidence and fixes"},
  {"diff", "What changes between two versions of a spec: decisions that flip (with the new plan's reason)\n"
           "and topology that moves, cost per component and in total, capacity figures, API changes\n"
           "classified breaking or not, a PostgreSQL migration in expand/contract order (renames only where\n"
           "the new spec says 'was OLD'), and the roadmap's added, removed and re-estimated tasks.\n"
           "Prints nothing when the plans agree.\n\n"
           "options:\n  --json               print the changes as JSON\n"
           "  --only PART          one part: decisions, cost, api, migration or roadmap\n"
           "  --exit-code          exit 1 when the plans differ, as git diff --exit-code does\n"
           "  --allow-destructive  write the migration's data-losing steps (otherwise commented out)\n"
           "  --sqlite             the migration for SQLite, where its ALTER TABLE allows\n"
           "  --kb DIR             also load DIR/*.kb",
   "plinth diff [--json] [--only PART] [--exit-code] [--allow-destructive] [--sqlite] [--kb DIR] OLD NEW", cmd_diff,
   "what changes between two versions of a spec, with the migration"},
  {"serve", "A live web page over the same pipeline, and the HTTP API behind it.\n"
            "The page: an editor for the spec with diagnostics as you type; the decisions, cost and capacity,\n"
            "every diagram and document, updated as you type. The API: POST /api/plan answers what\n"
            "'plinth plan --format json' prints, and more (docs/serve.md). With SPEC, the page follows\n"
            "the file as it changes. Stops on Ctrl-C (SIGINT) or SIGTERM.\n\n"
            "options:\n  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080; port 0 picks a free one);\n"
            "                      another than loopback prints a warning: the API has no authentication\n"
            "  --kb DIR            also load DIR/*.kb (once, at start)\n"
            "  --threads N         worker threads (default: one per core)\n"
            "  --timeout S         seconds a request may take to arrive whole (default 10)",
   "plinth serve [--listen 127.0.0.1:8080] [--kb DIR] [--threads N] [--timeout S] [SPEC]", cmd_serve,
   "a live web page and HTTP API over the same pipeline"},
};

static const Command *find_command(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (!strcmp(commands[i].name, name))
      return &commands[i];
  return NULL;
}

/* A command's line in `plinth --help`: its brief, or else the summary's
 * first sentence (to the first ". " or the end of its paragraph), never
 * cut short. */
static void brief_line(FILE *fp, const Command *c) {
  if (c->brief) {
    fprintf(fp, "  %-10s %s\n", c->name, c->brief);
    return;
  }
  const char *s = c->summary, *end = s;
  while (*end && !(end[0] == '.' && (end[1] == ' ' || end[1] == '\n' || !end[1])) && !(end[0] == '\n' && end[1] == '\n'))
    end++;
  fprintf(fp, "  %-10s ", c->name);
  int col = 13;
  for (const char *w = s; w < end;) {
    while (w < end && (*w == ' ' || *w == '\n'))
      w++;
    const char *we = w;
    while (we < end && *we != ' ' && *we != '\n')
      we++;
    if (we == w)
      break;
    if (col > 13 && col + (we - w) + 1 > 100) {
      fprintf(fp, "\n%13s", "");
      col = 13;
    } else if (col > 13) {
      fputc(' ', fp);
      col++;
    }
    fwrite(w, 1, (size_t)(we - w), fp);
    col += (int)(we - w);
    w = we;
  }
  fputc('\n', fp);
}

static void usage(FILE *fp) {
  fprintf(fp, "usage: plinth COMMAND [options] SPEC|-\n\n"
              "Plinth compiles a project spec into a technical foundation plan.\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    brief_line(fp, &commands[i]);
  fprintf(fp, "\noptions:\n  -h, --help     this text; 'plinth COMMAND --help' for a command\n"
              "  -V, --version  print the version\n");
}

/* Hidden: the manual pages and completions, made from the table above
 * (make install writes them). --gen-man [COMMAND | --list], --gen-completions SHELL. */
static int gen_docs(int argc, char **argv) {
  enum { N = sizeof commands / sizeof *commands };
  CliCommand cli[N];
  for (int i = 0; i < N; i++)
    cli[i] = (CliCommand){commands[i].name, commands[i].summary, commands[i].usage,
                          commands[i].brief ? commands[i].brief : commands[i].name};
  Buf out = {0};
  int rc = 0;
  if (!strcmp(argv[1], "--gen-man")) {
    if (argc > 2 && !strcmp(argv[2], "--list")) {
      for (int i = 0; i < N; i++)
        buf_printf(&out, "%s\n", cli[i].name);
    } else {
      int which = -1;
      for (int i = 0; argc > 2 && i < N; i++)
        if (!strcmp(cli[i].name, argv[2]))
          which = i;
      if (argc > 2 && which < 0) {
        fprintf(stderr, "plinth: no command '%s'\n", argv[2]);
        return 2;
      }
      emit_man(cli, N, which, PLINTH_VERSION, &out);
    }
  } else if (argc < 3 || !emit_completions(cli, N, argv[2], &out)) {
    fprintf(stderr, "plinth: --gen-completions takes bash, zsh or fish\n");
    rc = 2;
  }
  if (!rc)
    rc = cli_write_out(&out);
  buf_free(&out);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    if (argc > 2 && find_command(argv[2]))
      return help_for(find_command(argv[2]));
    usage(stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--gen-man") || !strcmp(argv[1], "--gen-completions"))
    return gen_docs(argc, argv);
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
    printf("plinth %s\n", PLINTH_VERSION);
    return 0;
  }
  const Command *c = find_command(argv[1]);
  if (!c) {
    fprintf(stderr, "plinth: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
  }
  int rc = c->run(argc - 1, argv + 1);
  return rc == CLI_HELP ? help_for(c) : rc;
}
