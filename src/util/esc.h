/* The escapers: one per output format, each the only one for its format.
 * Each appends the escaped form of `s` to `out`; none assumes
 * NUL-terminated input. Text may hold any code point (docs/language.md,
 * "Unicode"): each escaper keeps it where its format can (an escape or a
 * reference), else shows a space or U+FFFD, so no output holds a raw
 * control character, line or paragraph separator, BOM, noncharacter or
 * bidirectional control (esc_hostile), nor a byte that is not UTF-8. */
#ifndef PLINTH_ESC_H
#define PLINTH_ESC_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "str.h"

/* The code point at s.p[i] and its length in bytes; *cp is -1 (length 1)
 * for a byte that does not start a valid UTF-8 sequence. */
int esc_next(Str s, ptrdiff_t i, int32_t *cp);
/* C0 and C1 controls and DEL, U+2028 and U+2029, the BOM U+FEFF,
 * noncharacters and bidirectional controls: what no output shows raw. */
bool esc_hostile(int32_t cp);
/* U+FDD0..U+FDEF and the last two code points of every plane. */
bool esc_noncharacter(int32_t cp);
/* U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069. */
bool esc_bidi(int32_t cp);

/* The contents of a JSON string (also a JavaScript or TypeScript string
 * literal): " \ and controls escaped, and the other hostile code points
 * as \uXXXX (U+2028 and U+2029 end a line in older JavaScript); a byte
 * that is not UTF-8 as \ufffd. */
void esc_json(Buf *out, Str s);

/* A YAML double-quoted scalar, quotes included: "a \"b\"\n"; hostile
 * code points as YAML 1.2 escapes (\xHH, \N, \L, \P, \uXXXX). */
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
/* A Graphviz HTML-like label: HTML escapes, hostile code points as U+FFFD. */
void esc_dot_html(Buf *out, Str s);
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
