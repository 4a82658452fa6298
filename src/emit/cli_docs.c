/* Manual pages and shell completions from the command table of main.c, so
 * the help text, plinth(1), plinth-COMMAND(1) and the bash, zsh and fish
 * completions say the same thing. A command's summary is read as:
 *
 *   description lines (a blank line between paragraphs)
 *   "  TERM  text" lines: a list item (two spaces or more after the term);
 *                 deeper-indented lines continue the item
 *   "options:"    then the option items, the same way
 *
 * Option terms give the completions their flags ("-o DIR", "--format
 * md|html|json": a | list is the values to offer, DIR a folder, FILE or
 * SPEC a file). */
#include <stdio.h>
#include <string.h>

#include "emit.h"

typedef struct {
  Str term, text;        /* an item; term empty for a description line */
  bool option;           /* after "options:" */
  bool blank;            /* a paragraph break */
} Line;

enum { MAX_LINES = 128 };

static int indent_of(Str l) {
  int i = 0;
  while (i < l.n && l.p[i] == ' ')
    i++;
  return i;
}

/* Splits a summary into description lines and items. */
static int parse(const char *summary, Line *out) {
  int n = 0;
  bool options = false;
  const char *s = summary;
  while (*s && n < MAX_LINES) {
    const char *nl = strchr(s, '\n');
    Str l = {s, nl ? nl - s : (ptrdiff_t)strlen(s)};
    s = nl ? nl + 1 : s + l.n;
    if (!l.n) {
      out[n++] = (Line){.blank = true};
      continue;
    }
    if (str_eqc(l, "options:")) {
      options = true;
      continue;
    }
    int in = indent_of(l);
    if (in == 0) {
      out[n++] = (Line){{0}, l, options, false};
      continue;
    }
    /* the term ends at the first run of two spaces */
    ptrdiff_t i = in;
    while (i + 1 < l.n && !(l.p[i] == ' ' && l.p[i + 1] == ' '))
      i++;
    if (in <= 2 && i + 1 < l.n) {
      ptrdiff_t j = i;
      while (j < l.n && l.p[j] == ' ')
        j++;
      out[n++] = (Line){{l.p + in, i - in}, {l.p + j, l.n - j}, options, false};
    } else if (in <= 2) {
      out[n++] = (Line){{l.p + in, l.n - in}, {0}, options, false};
    } else if (n && out[n - 1].term.n) {
      /* continues the item above: kept as a second text line */
      out[n++] = (Line){S("+"), {l.p + in, l.n - in}, options, false};
    } else
      out[n++] = (Line){{0}, {l.p + in, l.n - in}, options, false};
  }
  return n;
}

/* ---- roff ---- */

/* Text for a roff line: backslash as \e, '-' as \- , a leading . or ' made
 * literal, other bytes above 0x7f as \[uXXXX] (UTF-8 decoded). */
static void roff(Buf *o, Str s, bool line_start) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    if (i == 0 && line_start && (c == '.' || c == '\''))
      buf_puts(o, "\\&");
    if (c == '\\')
      buf_puts(o, "\\e");
    else if (c == '-')
      buf_puts(o, "\\-");
    else if (c >= 0x80) {
      unsigned cp = 0;
      int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
      cp = c & (0x3f >> more);
      for (int k = 0; k < more && i + 1 < s.n; k++)
        cp = cp << 6 | ((unsigned char)s.p[++i] & 0x3f);
      buf_printf(o, "\\[u%04X]", cp);
    } else
      buf_putc(o, (char)c);
  }
}

static void th(Buf *o, const char *name, const char *version) {
  buf_puts(o, ".TH ");
  for (const char *p = name; *p; p++)
    buf_putc(o, *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p);
  buf_printf(o, " 1 \"\" \"plinth %s\" \"Plinth Manual\"\n", version);
}

static void body(Buf *o, const Line *v, int n) {
  bool in_options = false, para = true;
  for (int i = 0; i < n; i++) {
    const Line *l = &v[i];
    if (l->option && !in_options) {
      buf_puts(o, ".SH OPTIONS\n");
      in_options = true;
      para = true;
    }
    if (l->blank) {
      para = true;
      continue;
    }
    if (l->term.n && !str_eqc(l->term, "+")) {
      buf_puts(o, ".TP\n.B ");
      roff(o, l->term, false);
      buf_putc(o, '\n');
      if (l->text.n) {
        roff(o, l->text, true);
        buf_putc(o, '\n');
      }
      para = false;
      continue;
    }
    if (para && !str_eqc(l->term, "+"))
      buf_puts(o, ".PP\n");
    para = false;
    roff(o, l->text, true);
    buf_putc(o, '\n');
  }
}

void emit_man(const CliCommand *cmds, int ncmds, int which, const char *version, Buf *o) {
  if (which < 0) {
    th(o, "plinth", version);
    buf_puts(o, ".SH NAME\nplinth \\- compile a project spec into a technical foundation plan\n"
                ".SH SYNOPSIS\n.B plinth\n.I COMMAND\n[\\fIoptions\\fR]\n.I SPEC\n.br\n"
                ".B plinth\n\\-\\-help | \\-\\-version | \\-V\n.SH DESCRIPTION\n"
                "Plinth reads a spec (the idea, the scale, the budget, the team, the data and the\n"
                "features of a system) and answers with its technical foundation: decisions with\n"
                "their reasons, the API contract, the schema, diagrams, decision records, capacity\n"
                "and cost, risks and a roadmap. Errors in a spec are reported as\n"
                ".IR file : line : column\n"
                "diagnostics. A SPEC of \\- is standard input.\n.SH COMMANDS\n");
    for (int i = 0; i < ncmds; i++) {
      buf_puts(o, ".TP\n.B ");
      roff(o, str_c(cmds[i].name), false);
      buf_putc(o, '\n');
      roff(o, str_c(cmds[i].brief), true);
      buf_puts(o, "; see\n.BR plinth\\-");
      roff(o, str_c(cmds[i].name), false);
      buf_puts(o, " (1).\n");
    }
    buf_puts(o, ".SH OPTIONS\n.TP\n.BR \\-h \", \" \\-\\-help\nprint the commands; \\fBplinth\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR for one\n"
                ".TP\n.BR \\-V \", \" \\-\\-version\nprint the version\n"
                ".SH EXIT STATUS\n0 on success, 1 for errors in a spec, 2 for usage and I/O errors.\n"
                ".SH SEE ALSO\n");
    for (int i = 0; i < ncmds; i++) {
      buf_puts(o, ".BR plinth\\-");
      roff(o, str_c(cmds[i].name), false);
      buf_printf(o, " (1)%s\n", i + 1 < ncmds ? "," : "");
    }
    return;
  }
  const CliCommand *c = &cmds[which];
  char name[64];
  snprintf(name, sizeof name, "plinth-%s", c->name);
  th(o, name, version);
  buf_puts(o, ".SH NAME\nplinth\\-");
  roff(o, str_c(c->name), false);
  buf_puts(o, " \\- ");
  roff(o, str_c(c->brief), false);
  buf_puts(o, "\n.SH SYNOPSIS\n");
  roff(o, str_c(c->usage), true);
  buf_puts(o, "\n.SH DESCRIPTION\n");
  Line v[MAX_LINES];
  int n = parse(c->summary, v);
  body(o, v, n);
  buf_puts(o, ".SH SEE ALSO\n.BR plinth (1)\n");
}

/* ---- completions ---- */

/* The flags of an option term: "-o DIR" -> "-o"; "--format md|html|json"
 * -> "--format"; "--exit-code" -> "--exit-code". `arg` is what follows. */
typedef struct {
  Str flag, arg;
  Str text;
} Opt;

static int options(const CliCommand *c, Opt *out, int cap) {
  Line v[MAX_LINES];
  int n = parse(c->summary, v), m = 0;
  for (int i = 0; i < n && m < cap; i++) {
    if (!v[i].option || !v[i].term.n || str_eqc(v[i].term, "+") || v[i].term.p[0] != '-')
      continue;
    Str t = v[i].term;
    ptrdiff_t sp = 0;
    while (sp < t.n && t.p[sp] != ' ' && t.p[sp] != ',')
      sp++;
    Str arg = {0};
    if (sp < t.n && t.p[sp] == ' ')
      arg = (Str){t.p + sp + 1, t.n - sp - 1};
    out[m++] = (Opt){{t.p, sp}, arg, v[i].text};
  }
  return m;
}

/* A value list "md|html|json", or one literal word ("warnings"), as words;
 * false for a placeholder (DIR, FILE, N). */
static bool choices(Str arg, Buf *o, const char *sep) {
  bool literal = arg.n > 0;
  for (ptrdiff_t i = 0; i < arg.n; i++)
    literal &= arg.p[i] == '|' || arg.p[i] == '-' || (arg.p[i] >= 'a' && arg.p[i] <= 'z');
  if (!literal)
    return false;
  for (ptrdiff_t i = 0; i < arg.n; i++)
    if (arg.p[i] == '|')
      buf_puts(o, sep);
    else
      buf_putc(o, arg.p[i]);
  return true;
}

static bool is_dir(Str arg) { return str_eqc(arg, "DIR"); }

/* Text for a zsh or fish description: first clause, no brackets or quotes. */
static void plain(Buf *o, Str s) {
  for (ptrdiff_t i = 0; i < s.n && i < 70; i++) {
    char c = s.p[i];
    if (c == ';' || (c == ':' && i + 1 < s.n && s.p[i + 1] == ' '))
      break;
    buf_putc(o, c == '[' ? '(' : c == ']' ? ')' : c == '\'' || c == '"' || c == '\\' || c == '`' || c == '$' ? ' ' : c == ':' ? '.' : c);
  }
}

static void bash(const CliCommand *cmds, int ncmds, Buf *o) {
  buf_puts(o, "# bash completion for plinth, generated by plinth --gen-completions bash\n"
              "_plinth() {\n  local cur prev cmd\n  cur=${COMP_WORDS[COMP_CWORD]}\n  prev=${COMP_WORDS[COMP_CWORD-1]}\n"
              "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n    COMPREPLY=($(compgen -W \"");
  for (int i = 0; i < ncmds; i++)
    buf_printf(o, "%s ", cmds[i].name);
  buf_puts(o, "--help --version -V\" -- \"$cur\"))\n    return\n  fi\n  cmd=${COMP_WORDS[1]}\n  case \"$cmd $prev\" in\n");
  for (int i = 0; i < ncmds; i++) {
    Opt v[32];
    int n = options(&cmds[i], v, 32);
    for (int k = 0; k < n; k++) {
      if (!v[k].arg.n)
        continue;
      buf_printf(o, "    \"%s %.*s\")\n      ", cmds[i].name, STRF(v[k].flag));
      Buf w = {0};
      if (choices(v[k].arg, &w, " "))
        buf_printf(o, "COMPREPLY=($(compgen -W \"%.*s\" -- \"$cur\"))\n", STRF(buf_view(&w)));
      else if (is_dir(v[k].arg))
        buf_puts(o, "COMPREPLY=($(compgen -d -- \"$cur\"))\n");
      else if (str_eqc(v[k].arg, "FILE"))
        buf_puts(o, "COMPREPLY=($(compgen -f -- \"$cur\"))\n");
      else if (str_eqc(v[k].arg, "SPEC"))
        buf_puts(o, "COMPREPLY=($(compgen -f -X '!*.plinth' -- \"$cur\") $(compgen -d -- \"$cur\"))\n");
      else
        buf_puts(o, "COMPREPLY=()\n");
      buf_free(&w);
      buf_puts(o, "      return\n      ;;\n");
    }
  }
  buf_puts(o, "  esac\n  local opts=\n  case \"$cmd\" in\n");
  for (int i = 0; i < ncmds; i++) {
    Opt v[32];
    int n = options(&cmds[i], v, 32);
    buf_printf(o, "    %s) opts=\"", cmds[i].name);
    for (int k = 0; k < n; k++)
      buf_printf(o, "%.*s ", STRF(v[k].flag));
    buf_puts(o, "--help\" ;;\n");
  }
  buf_puts(o, "  esac\n  if [[ $cur == -* ]]; then\n    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n  else\n"
              "    COMPREPLY=($(compgen -f -X '!*.plinth' -- \"$cur\") $(compgen -d -- \"$cur\"))\n  fi\n}\n"
              "complete -o filenames -F _plinth plinth\n");
}

static void zsh(const CliCommand *cmds, int ncmds, Buf *o) {
  buf_puts(o, "#compdef plinth\n# zsh completion for plinth, generated by plinth --gen-completions zsh\n\n"
              "_plinth() {\n  local -a commands\n  commands=(\n");
  for (int i = 0; i < ncmds; i++) {
    buf_printf(o, "    '%s:", cmds[i].name);
    plain(o, str_c(cmds[i].brief));
    buf_puts(o, "'\n");
  }
  buf_puts(o, "  )\n  if (( CURRENT == 2 )); then\n    _describe -t commands 'plinth command' commands\n"
              "    _arguments '(- *)'{-h,--help}'[print the commands]' '(- *)'{-V,--version}'[print the version]'\n"
              "    return\n  fi\n  local cmd=$words[2]\n  shift words\n  (( CURRENT-- ))\n  case $cmd in\n");
  for (int i = 0; i < ncmds; i++) {
    Opt v[32];
    int n = options(&cmds[i], v, 32);
    buf_printf(o, "    %s)\n      _arguments \\\n", cmds[i].name);
    for (int k = 0; k < n; k++) {
      buf_printf(o, "        '%.*s[", STRF(v[k].flag));
      plain(o, v[k].text);
      buf_putc(o, ']');
      if (v[k].arg.n) {
        buf_puts(o, ":");
        Buf w = {0};
        for (ptrdiff_t c = 0; c < v[k].arg.n; c++)
          buf_putc(&w, v[k].arg.p[c] >= 'A' && v[k].arg.p[c] <= 'Z' ? (char)(v[k].arg.p[c] + 32) : v[k].arg.p[c] == '|' ? '-' : v[k].arg.p[c]);
        buf_printf(o, "%.*s:", STRF(buf_view(&w)));
        w.n = 0;
        if (choices(v[k].arg, &w, " "))
          buf_printf(o, "(%.*s)", STRF(buf_view(&w)));
        else if (is_dir(v[k].arg))
          buf_puts(o, "_files -/");
        else
          buf_puts(o, "_files");
        buf_free(&w);
      }
      buf_puts(o, "' \\\n");
    }
    buf_puts(o, "        '(- *)'{-h,--help}'[this command'\"'\"'s help]' \\\n"
                "        '*:spec:_files -g \"*.plinth\"'\n      ;;\n");
  }
  buf_puts(o, "  esac\n}\n\n_plinth \"$@\"\n");
}

static void fish(const CliCommand *cmds, int ncmds, Buf *o) {
  buf_puts(o, "# fish completion for plinth, generated by plinth --gen-completions fish\n"
              "complete -c plinth -s h -l help -d 'print the commands'\n"
              "complete -c plinth -n __fish_use_subcommand -s V -l version -d 'print the version'\n");
  for (int i = 0; i < ncmds; i++) {
    buf_printf(o, "complete -c plinth -f -n __fish_use_subcommand -a %s -d '", cmds[i].name);
    plain(o, str_c(cmds[i].brief));
    buf_puts(o, "'\n");
  }
  for (int i = 0; i < ncmds; i++) {
    Opt v[32];
    int n = options(&cmds[i], v, 32);
    for (int k = 0; k < n; k++) {
      Str f = v[k].flag;
      bool lng = f.n > 2 && f.p[1] == '-';
      buf_printf(o, "complete -c plinth -n '__fish_seen_subcommand_from %s' -%s %.*s", cmds[i].name, lng ? "l" : "s",
                 (int)(f.n - (lng ? 2 : 1)), f.p + (lng ? 2 : 1));
      Buf w = {0};
      if (v[k].arg.n && choices(v[k].arg, &w, " "))
        buf_printf(o, " -x -a '%.*s'", STRF(buf_view(&w)));
      else if (v[k].arg.n && is_dir(v[k].arg))
        buf_puts(o, " -x -a '(__fish_complete_directories)'");
      else if (v[k].arg.n)
        buf_puts(o, " -r");
      buf_free(&w);
      buf_puts(o, " -d '");
      plain(o, v[k].text);
      buf_puts(o, "'\n");
    }
  }
}

bool emit_completions(const CliCommand *cmds, int ncmds, const char *shell, Buf *o) {
  if (!strcmp(shell, "bash"))
    bash(cmds, ncmds, o);
  else if (!strcmp(shell, "zsh"))
    zsh(cmds, ncmds, o);
  else if (!strcmp(shell, "fish"))
    fish(cmds, ncmds, o);
  else
    return false;
  return true;
}
