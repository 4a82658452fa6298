/* measure: run a command K times and report its wall time and peak memory.
 *
 *   build/bench/measure [-n RUNS] [-w WARMUP] [-l LABEL] [-o OUT] [-e ERR]
 *                       [-t SECONDS] [-i 1] -- COMMAND [ARG...]
 *
 * With -i 1, "{}" in an argument becomes the run's number (0, 1, ...,
 * warm-up runs included): `plan -o DIR/o{}` writes a fresh folder each run
 * with no shell in between, whose CPU would be counted too.
 *
 * Each run is fork + execvp; the parent times it with CLOCK_MONOTONIC from
 * just before fork to the return of wait4, and takes the child's peak
 * resident set size (ru_maxrss, KiB on Linux) and CPU time (user + system)
 * from wait4's rusage. Warm-up runs (default 1) are not counted: they bring
 * the binary and the input into the page cache.
 *
 * The child's stdout goes to OUT and its stderr to ERR (both /dev/null by
 * default). A run that exits non-zero, is killed, or outlives the timeout
 * (default 60 s; 0 disables it) stops the measurement: measure reports it
 * and exits 1. Bad usage exits 2.
 *
 * Output is one line per measurement, always in this format (times in ms
 * with three decimals, memory in KiB):
 *
 *   measure label=L runs=K ms_med=M ms_min=M ms_max=M cpu_ms_med=M
 *           rss_kb_med=R rss_kb_min=R rss_kb_max=R status=ok
 *
 * (on one line). On failure status= is exit:N, signal:N or timeout, and the
 * figures cover the runs completed before it.
 *
 * Note: Linux counts the RSS a child had before exec in ru_maxrss, so the
 * figure has a floor of this program's own small RSS (about 1 MiB). */
#define _DEFAULT_SOURCE /* wait4, struct rusage */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_RUNS = 1000 };

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig) {
  (void)sig;
  timed_out = 1;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv) { return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3; }

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median of v[0..n) (sorts v); the mean of the middle two when n is even. */
static double median(double *v, int n) {
  if (n <= 0)
    return 0;
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double min_of(const double *v, int n) {
  double m = n ? v[0] : 0;
  for (int i = 1; i < n; i++)
    m = v[i] < m ? v[i] : m;
  return m;
}

static double max_of(const double *v, int n) {
  double m = n ? v[0] : 0;
  for (int i = 1; i < n; i++)
    m = v[i] > m ? v[i] : m;
  return m;
}

static int usage(void) {
  fputs("usage: measure [-n RUNS] [-w WARMUP] [-l LABEL] [-o OUT] [-e ERR] [-t SECONDS] [-i 1] -- COMMAND [ARG...]\n",
        stderr);
  return 2;
}

static int to_int(const char *s, int lo, int hi, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || !*s || v < lo || v > hi)
    return 0;
  *out = (int)v;
  return 1;
}

/* Runs argv once. Returns 0 on success with *ms, *cpu, *rss_kb set; else
 * writes the failure to status. */
static int run_once(char **argv, const char *out, const char *err, int timeout, double *ms, double *cpu,
                    double *rss_kb, char *status, size_t size) {
  double t0 = now_ms();
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(status, size, "fork:%d", errno);
    return -1;
  }
  if (pid == 0) {
    int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
      _exit(126);
    close(fo);
    close(fe);
    execvp(argv[0], argv);
    _exit(127);
  }
  timed_out = 0;
  if (timeout > 0)
    alarm((unsigned)timeout);
  int ws;
  struct rusage ru;
  pid_t r;
  while ((r = wait4(pid, &ws, 0, &ru)) < 0 && errno == EINTR)
    if (timed_out)
      kill(pid, SIGKILL);
  alarm(0);
  double t1 = now_ms();
  if (r < 0) {
    snprintf(status, size, "wait:%d", errno);
    return -1;
  }
  if (timed_out) {
    snprintf(status, size, "timeout");
    return -1;
  }
  if (WIFSIGNALED(ws)) {
    snprintf(status, size, "signal:%d", WTERMSIG(ws));
    return -1;
  }
  if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
    snprintf(status, size, "exit:%d", WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
    return -1;
  }
  *ms = t1 - t0;
  *cpu = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
  *rss_kb = (double)ru.ru_maxrss;
  return 0;
}

int main(int argc, char **argv) {
  int runs = 5, warmup = 1, timeout = 60, number = 0;
  const char *label = "run", *out = "/dev/null", *err = "/dev/null";
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) {
      i++;
      break;
    }
    if (a[0] != '-' || !a[1] || a[2] || i + 1 >= argc)
      return usage();
    const char *v = argv[++i];
    switch (a[1]) {
    case 'n':
      if (!to_int(v, 1, MAX_RUNS, &runs))
        return usage();
      break;
    case 'w':
      if (!to_int(v, 0, MAX_RUNS, &warmup))
        return usage();
      break;
    case 't':
      if (!to_int(v, 0, 86400, &timeout))
        return usage();
      break;
    case 'i':
      if (!to_int(v, 0, 1, &number))
        return usage();
      break;
    case 'l': label = v; break;
    case 'o': out = v; break;
    case 'e': err = v; break;
    default: return usage();
    }
  }
  if (i >= argc)
    return usage();
  char **cmd = argv + i;

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART: the alarm must interrupt wait4 */
  sigaction(SIGALRM, &sa, NULL);

  static double ms[MAX_RUNS], cpu[MAX_RUNS], rss[MAX_RUNS];
  char status[64] = "ok";
  int done = 0, failed = 0;
  for (int k = 0; k < warmup + runs && !failed; k++) {
    double m, c, r;
    char *args[64], bufs[8][512];
    char **use = cmd;
    if (number) {
      /* "{}" -> k, in at most 8 arguments of at most 511 bytes */
      int na = 0, nb = 0;
      for (; cmd[na] && na < 63; na++) {
        const char *at = strstr(cmd[na], "{}");
        args[na] = cmd[na];
        if (at && nb < 8 && strlen(cmd[na]) < 480) {
          snprintf(bufs[nb], sizeof bufs[nb], "%.*s%d%s", (int)(at - cmd[na]), cmd[na], k, at + 2);
          args[na] = bufs[nb++];
        }
      }
      args[na] = NULL;
      use = args;
    }
    if (run_once(use, out, err, timeout, &m, &c, &r, status, sizeof status) < 0) {
      failed = 1;
      break;
    }
    if (k >= warmup) {
      ms[done] = m, cpu[done] = c, rss[done] = r;
      done++;
    }
  }
  double ms_min = min_of(ms, done), ms_max = max_of(ms, done);
  double rss_min = min_of(rss, done), rss_max = max_of(rss, done);
  double ms_med = median(ms, done), cpu_med = median(cpu, done), rss_med = median(rss, done);
  printf("measure label=%s runs=%d ms_med=%.3f ms_min=%.3f ms_max=%.3f cpu_ms_med=%.3f "
         "rss_kb_med=%.0f rss_kb_min=%.0f rss_kb_max=%.0f status=%s\n",
         label, done, ms_med, ms_min, ms_max, cpu_med, rss_med, rss_min, rss_max, status);
  if (fflush(stdout))
    return 2;
  return failed ? 1 : 0;
}
