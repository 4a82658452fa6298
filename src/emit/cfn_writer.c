/* The writer W of infra/ as CloudFormation: one description of each
 * resource printed as YAML (SAM) or as a TypeScript object literal (CDK),
 * and the names, parameters and references the stack's parts share
 * (cfn.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "cfn.h"

static void indent(W *w, int level) { buf_fill(w->o, ' ', 2 * (w->base + level)); }

/* The CDK's property name: the CloudFormation one in camelCase
 * ("DBInstanceClass" -> dbInstanceClass, "MultiAZ" -> multiAz). */
static void camel(Buf *o, const char *k) {
  size_t n = strlen(k);
  int word = 0;
  for (size_t i = 0; i < n; i++) {
    char c = k[i];
    bool up = c >= 'A' && c <= 'Z';
    bool start = i == 0 || (up && !(k[i - 1] >= 'A' && k[i - 1] <= 'Z')) ||
                 (up && i + 1 < n && k[i + 1] >= 'a' && k[i + 1] <= 'z' && k[i - 1] >= 'A' && k[i - 1] <= 'Z');
    if (start && i)
      word++;
    if (up && !(start && word))
      c = (char)(c - 'A' + 'a');
    buf_putc(o, c);
  }
}

static bool plain_key(const char *k) {
  for (const char *s = k; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
      return false;
  return *k && !(*k >= '0' && *k <= '9');
}

/* Before a value: the separator, the item dash or the pending key. */
static void before(W *w) {
  int d = w->depth;
  if (w->ts) {
    if (!d)
      return;
    bool top = d == 1;
    if (top) {
      buf_puts(w->o, w->count[0] ? ",\n" : "\n");
      indent(w, 1);
    } else if (w->count[d - 1])
      buf_puts(w->o, ", ");
    else if (w->kind[d - 1] == W_MAP)
      buf_putc(w->o, ' ');
    w->count[d - 1]++;
    if (w->kind[d - 1] == W_MAP) {
      if (w->raw[d - 1] && !plain_key(w->key))
        iac_ts_str(w->o, str_c(w->key));
      else if (w->raw[d - 1])
        buf_puts(w->o, w->key);
      else
        camel(w->o, w->key);
      buf_puts(w->o, ": ");
    }
    return;
  }
  if (!d)
    return;
  w->count[d - 1]++;
  if (w->kind[d - 1] == W_LIST) {
    buf_putc(w->o, '\n');
    indent(w, d - 1);
    buf_puts(w->o, "- ");
    return;
  }
  if (w->dash)
    w->dash = false;
  else {
    buf_putc(w->o, '\n');
    indent(w, d - 1);
  }
  if (plain_key(w->key))
    buf_puts(w->o, w->key);
  else
    esc_yaml(w->o, str_c(w->key));
  buf_putc(w->o, ':');
}

static void yspace(W *w) {
  if (!w->ts && w->depth && w->kind[w->depth - 1] == W_MAP)
    buf_putc(w->o, ' ');
}

void key(W *w, const char *k) { w->key = k, w->key_raw = false; }

void rawkey(W *w, const char *k) { w->key = k, w->key_raw = true; }

static void open(W *w, int kind) {
  bool raw = w->key_raw || (w->depth && w->raw[w->depth - 1]);
  bool item = w->depth && w->kind[w->depth - 1] == W_LIST;
  before(w);
  if (w->ts)
    buf_puts(w->o, kind == W_MAP ? "{" : "[");
  w->kind[w->depth] = kind;
  w->count[w->depth] = 0;
  w->raw[w->depth] = raw;
  w->depth++;
  w->key_raw = false;
  if (!w->ts && item && kind == W_MAP)
    w->dash = true;
}

void map(W *w) { open(w, W_MAP); }

void list(W *w) { open(w, W_LIST); }

void end(W *w) {
  w->depth--;
  int d = w->depth, n = w->count[d];
  if (w->ts) {
    if (!d) {
      if (n) {
        buf_puts(w->o, ",\n");
        indent(w, 0);
      }
      buf_putc(w->o, '}');
    } else if (w->kind[d] == W_MAP)
      buf_puts(w->o, n ? " }" : "}");
    else
      buf_putc(w->o, ']');
    return;
  }
  w->dash = false;
  if (!n)
    buf_puts(w->o, w->kind[d] == W_MAP ? " {}" : " []");
}

void str(W *w, Str s) {
  before(w);
  yspace(w);
  if (w->ts)
    iac_ts_str(w->o, s);
  else
    esc_yaml(w->o, s);
}

void strc(W *w, const char *s) { str(w, str_c(s)); }

void num(W *w, double v) {
  before(w);
  yspace(w);
  buf_printf(w->o, "%.15g", v);
}

/* A number CloudFormation types as a string (ECS CPU and memory). */
void numstr(W *w, Str s) { str(w, s); }

void boolean(W *w, bool v) {
  before(w);
  yspace(w);
  buf_puts(w->o, v ? "true" : "false");
}

/* A reference to a resource or a parameter, by its logical id. */
void ref(W *w, Str logical) {
  before(w);
  yspace(w);
  if (w->ts) {
    iac_ts_ident(w->o, logical, false);
    buf_puts(w->o, ".ref");
  } else {
    buf_puts(w->o, "!Ref ");
    iac_ts_ident(w->o, logical, true);
  }
}

/* A parameter's value: string, or a list (List<...> parameters). */
void param(W *w, Str name, bool is_list) {
  before(w);
  yspace(w);
  if (w->ts) {
    iac_ts_ident(w->o, name, false);
    buf_puts(w->o, is_list ? "Param.valueAsList" : "Param.valueAsString");
  } else {
    buf_puts(w->o, "!Ref ");
    iac_ts_ident(w->o, name, true);
  }
}

void att(W *w, Str logical, const char *attr) {
  before(w);
  yspace(w);
  if (w->ts) {
    /* The CDK's L1 names an attribute in camel case: ARN is attrArn. */
    iac_ts_ident(w->o, logical, false);
    buf_puts(w->o, ".attr");
    for (const char *c = attr; *c; c++)
      buf_putc(w->o, c > attr && c[-1] >= 'A' && c[-1] <= 'Z' && *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c);
  } else {
    buf_puts(w->o, "!GetAtt ");
    iac_ts_ident(w->o, logical, true);
    buf_printf(w->o, ".%s", attr);
  }
}

/* An ARN built from the resource's name: arn:aws:SERVICE:REGION:ACCOUNT:WHAT${Logical}. */
void arn_of(W *w, const char *service, const char *what, Str logical) {
  before(w);
  yspace(w);
  if (w->ts) {
    buf_printf(w->o, "`arn:aws:%s:${cdk.Aws.REGION}:${cdk.Aws.ACCOUNT_ID}:%s${", service, what);
    iac_ts_ident(w->o, logical, false);
    buf_puts(w->o, ".ref}`");
  } else {
    buf_printf(w->o, "!Sub \"arn:aws:%s:${AWS::Region}:${AWS::AccountId}:%s${", service, what);
    iac_ts_ident(w->o, logical, true);
    buf_puts(w->o, "}\"");
  }
}

/* The database user's ARN: arn:aws:rds-db:REGION:ACCOUNT:dbuser:RESOURCE-ID/USER. */
void dbuser(W *w, const IacResource *r) {
  bool cluster = iac_db_cluster(r);
  before(w);
  yspace(w);
  if (w->ts) {
    buf_puts(w->o, "`arn:aws:rds-db:${cdk.Aws.REGION}:${cdk.Aws.ACCOUNT_ID}:dbuser:${");
    iac_ts_ident(w->o, r->name, false);
    buf_puts(w->o, cluster ? ".attrDbClusterResourceId" : ".attrDbiResourceId");
    buf_puts(w->o, "}/" IAC_DB_USER "`");
  } else {
    buf_puts(w->o, "!Sub \"arn:aws:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:${");
    iac_ts_ident(w->o, r->name, true);
    buf_puts(w->o, cluster ? ".DBClusterResourceId" : ".DbiResourceId");
    buf_puts(w->o, "}/" IAC_DB_USER "\"");
  }
}

/* An ECS service's autoscaling id: service/CLUSTER/SERVICE-NAME. */
void ecs_resource(W *w, Str service) {
  before(w);
  yspace(w);
  if (w->ts) {
    buf_puts(w->o, "`service/${cluster.ref}/${");
    iac_ts_ident(w->o, service, false);
    buf_puts(w->o, ".attrName}`");
  } else {
    buf_puts(w->o, "!Sub \"service/${Cluster}/${");
    iac_ts_ident(w->o, service, true);
    buf_puts(w->o, ".Name}\"");
  }
}

/* The objects of a bucket: its ARN, a slash and a star. */
void objects(W *w, Str logical) {
  before(w);
  yspace(w);
  if (w->ts) {
    buf_puts(w->o, "`${");
    iac_ts_ident(w->o, logical, false);
    buf_puts(w->o, ".attrArn}/*`");
  } else {
    buf_puts(w->o, "!Sub \"${");
    iac_ts_ident(w->o, logical, true);
    buf_puts(w->o, ".Arn}/*\"");
  }
}

/* The CDK class of a CloudFormation type: "AWS::RDS::DBInstance" -> cdk.aws_rds.CfnDBInstance. */
static void cdk_class(Buf *o, const char *type) {
  const char *svc = type + 5, *sep = strstr(svc, "::");
  buf_puts(o, "cdk.aws_");
  for (const char *s = svc; s < sep; s++)
    buf_putc(o, (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s));
  buf_printf(o, ".Cfn%s", sep + 2);
}

/* Opens a resource; the caller writes its properties as one map. */
void res(Ctx *c, Str logical, const char *type, const char *comment) {
  Buf *o = c->w.o;
  if (c->w.ts) {
    if (comment)
      buf_printf(o, "    // %s\n", comment);
    buf_puts(o, "    const ");
    iac_ts_ident(o, logical, false);
    c->cur.n = 0;
    iac_ts_ident(&c->cur, logical, false);
    buf_puts(o, " = new ");
    cdk_class(o, type);
    buf_puts(o, "(this, ");
    Buf id = {0};
    iac_ts_ident(&id, logical, true);
    iac_ts_str(o, buf_view(&id));
    buf_free(&id);
    buf_puts(o, ", ");
    c->w.base = 2;
  } else {
    if (comment)
      buf_printf(o, "  # %s\n", comment);
    buf_puts(o, "  ");
    iac_ts_ident(o, logical, true);
    buf_printf(o, ":\n    Type: %s\n", type);
    if (c->dep) {
      buf_puts(o, "    DependsOn: ");
      iac_ts_ident(o, str_c(c->dep), true);
      buf_putc(o, '\n');
    }
    buf_puts(o, "    Properties:");
    c->w.base = 3;
  }
  c->w.depth = 0;
  c->w.kind[0] = W_MAP;
  c->w.count[0] = 0;
  c->w.raw[0] = false;
  c->w.dash = false;
  if (c->w.ts)
    buf_putc(o, '{');
  c->w.depth = 1;
}

void res_end(Ctx *c) {
  if (c->w.ts) {
    end(&c->w);
    buf_puts(c->w.o, ");\n");
    if (c->dep) {
      buf_printf(c->w.o, "    %.*s.addResourceDependency(", STRF(buf_view(&c->cur)));
      iac_ts_ident(c->w.o, str_c(c->dep), false);
      buf_puts(c->w.o, ");\n");
    }
  } else {
    c->w.depth = 0;
    if (!c->w.count[0])
      buf_puts(c->w.o, " {}");
    buf_putc(c->w.o, '\n');
  }
  c->dep = NULL;
}

/* A logical name from a unit or event name and a suffix, kept in the
 * context's pool until the stack is written. */
Str nm(Ctx *c, Str a, const char *suffix) {
  if (c->npool == (int)(sizeof c->pool / sizeof *c->pool))
    c->npool = 0;
  Buf *b = &c->pool[c->npool++];
  b->n = 0;
  buf_printf(b, "%.*s%s%s", STRF(a), *suffix ? "-" : "", suffix);
  return buf_view(b);
}

/* The region's i-th availability zone. */
void zone(W *w, int i) {
  before(w);
  yspace(w);
  if (w->ts)
    buf_printf(w->o, "cdk.Fn.select(%d, cdk.Fn.getAzs())", i);
  else
    buf_printf(w->o, "!Select [%d, !GetAZs \"\"]", i);
}

/* The first n public or private subnets. */
void subnet_list(Ctx *c, bool public, int n) {
  W *w = &c->w;
  list(w);
  for (int i = 0; i < n; i++) {
    char b[32];
    snprintf(b, sizeof b, "%s-subnet-%d", public ? "public" : "private", i);
    ref(w, str_c(b));
  }
  end(w);
}

void subnets(Ctx *c) { subnet_list(c, false, c->p->net.subnet_zones); }

void sg_ref(Ctx *c, Str logical) {
  list(&c->w);
  att(&c->w, logical, "GroupId");
  end(&c->w);
}

Str store_sg(Ctx *c, const IacResource *r) { return nm(c, r->name, "store-sg"); }

void strs(W *w, const char *const *v, int n) {
  list(w);
  for (int i = 0; i < n; i++)
    strc(w, v[i]);
  end(w);
}
