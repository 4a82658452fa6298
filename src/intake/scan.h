/* Scanning plain English for `plinth new` and `plinth diagnose`.
 *
 * scan_text splits text into lower-case words, numbers with units and
 * sentence breaks. A number keeps what its spelling said: "10k", "50,000",
 * "5 million", "a thousand", "fifty" are counts; "$50", "50 dollars",
 * "€50" are money; "20%", "20 percent" percentages; "200 ms", "0.2s",
 * "2 seconds" durations; "5x" factors; "10 MB" sizes. A period after a
 * number ("a day", "per second", "/month", "daily") makes it a rate.
 * EnWords that spell a number are folded into the number token, so "fifty
 * thousand devices" is one count followed by the word "devices".
 *
 * EnWords are ASCII-lowered; any other byte (UTF-8 letters, emoji, control
 * bytes, invalid sequences) separates words, so no input breaks the
 * scanner. Everything lives in the arena; the cost is linear in the text. */
#ifndef PLINTH_INTAKE_SCAN_H
#define PLINTH_INTAKE_SCAN_H

#include <stdbool.h>

#include "../util/arena.h"
#include "../util/str.h"

typedef enum { W_WORD, W_NUMBER, W_BREAK } WordKind;

typedef enum {
  NU_COUNT,      /* a plain number or count: 10k, 50,000, five million */
  NU_MONEY,      /* dollars (other currencies are taken at par) */
  NU_PERCENT,    /* value in percent: 20 for 20% */
  NU_DURATION,   /* seconds */
  NU_FACTOR,     /* 5 for 5x */
  NU_SIZE,       /* bytes */
} NumUnit;

typedef struct {
  WordKind kind;
  Str text;          /* words: lower-case; numbers: the source spelling */
  ptrdiff_t off;     /* byte offset in the scanned text */
  double value;      /* numbers, in the base unit of `unit` */
  NumUnit unit;
  double per;        /* seconds in the rate's period (day = 86400), 0 if none */
  bool spelled;      /* written in words ("fifty thousand") */
} EnWord;

typedef struct {
  EnWord *v;
  int n;
} EnWords;

/* Scans `text`. Stops adding words after `max_words` (0: no limit). */
EnWords scan_text(Arena *a, Str text, int max_words);

/* English singular of a lower-case word: tasks -> task, categories ->
 * category, boxes -> box, people -> person. Returns `w` when unchanged. */
Str scan_singular(Arena *a, Str w);

/* Edit distance with adjacent transpositions counted as one edit, or
 * `limit`+1 when larger. */
int scan_distance(Str a, Str b, int limit);

#endif
