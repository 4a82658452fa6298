/* The escapers: one per output format, each the only one for its format
 * (JSON's, esc_json, lives with the JSON writer). Each appends the escaped
 * form of `s` to `out`; none assumes NUL-terminated input. */
#ifndef PLINTH_ESC_H
#define PLINTH_ESC_H

#include "buf.h"
#include "str.h"

/* A YAML double-quoted scalar, quotes included: "a \"b\"\n". */
void esc_yaml(Buf *out, Str s);
/* Markdown inline text: backslash before the characters that start markup
 * (\ ` * _ [ ] < > | # ~ & @), before a leading "- ", "+ ", "--", "=="
 * or the dot of a leading "1. ", and before the colon of "://" and the dot of "www." (no
 * autolinks); newlines as spaces. */
void esc_md(Buf *out, Str s);
/* The contents of a Markdown code span (the caller writes the backticks):
 * | as \| (a table cell would end there), backticks as ', newlines as
 * spaces. */
void esc_md_code(Buf *out, Str s);
/* A line inside a fenced code block: backticks as ' (a fence could close
 * it), newlines and tabs as spaces. */
void esc_md_fenced(Buf *out, Str s);
/* HTML text and attribute values: & < > " '. */
void esc_html(Buf *out, Str s);
/* A DOT double-quoted string, quotes included. */
void esc_dot(Buf *out, Str s);
/* Mermaid label or message text: the characters any diagram kind treats as
 * syntax (" # ; % ` | < > { }) as entity codes, newlines as spaces. */
void esc_mermaid(Buf *out, Str s);
/* A Mermaid identifier: every byte outside [A-Za-z0-9_] becomes '_'. The
 * caller makes ids unique (a prefix with the element's index). */
void esc_mermaid_id(Buf *out, Str s);
/* Strings of the architecture-as-code exports, quotes included; newlines
 * and tabs as spaces. LikeC4 'single-quoted', Structurizr DSL
 * "double-quoted", DBML 'notes and defaults' and "names", each with a
 * backslash before its quote and before a backslash. C4-PlantUML macro
 * arguments cannot escape a double quote: it becomes ' there. */
void esc_likec4(Buf *out, Str s);
void esc_structurizr(Buf *out, Str s);
void esc_dbml(Buf *out, Str s);
void esc_dbml_name(Buf *out, Str s);
void esc_plantuml(Buf *out, Str s);
/* SQL string literal, quotes included, ' doubled (SQLite %Q, PostgreSQL
 * standard_conforming_strings). */
void sql_str(Buf *out, Str s);
/* SQL quoted identifier, quotes included, " doubled (SQLite %w). */
void sql_ident(Buf *out, Str s);

/* Text inside a line comment (SQL --, Go, TypeScript and JavaScript //,
 * shell and YAML #): newlines and other control characters as spaces, so
 * the text cannot end the comment. */
void esc_comment(Buf *out, Str s);

#endif
