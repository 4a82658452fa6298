/* Engineer's number notation for documents and explanations. */
#ifndef PLINTH_FMT_H
#define PLINTH_FMT_H

/* Engineer's notation: 4, 12.7k, 1.3M for counts; 12.7 GB, 1.3 TB for bytes;
 * $412 for money. Writes into buf (at least 32 bytes) and returns it. */
char *fmt_count(char *buf, double v);
char *fmt_bytes(char *buf, double v);
char *fmt_usd(char *buf, double v);
/* A unit price with four significant figures: $0.016, $0.04937, $0.0000167. */
char *fmt_price(char *buf, double v);
char *fmt_ms(char *buf, double seconds);

#endif
