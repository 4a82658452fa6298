# Writes specs whose strings hold every hostile code point of the Unicode
# policy (docs/language.md): C0 controls (raw, but NUL and newline, which
# the language refuses, and \n as an escape), DEL, C1 controls, U+2028,
# U+2029, the BOM, noncharacters and bidirectional controls, with the YAML,
# JSON, Markdown, HTML and SQL syntax that a raw copy would break. Every
# other spec (the first included) is on GCP, so alerts.yaml is Prometheus rules there and
# CloudWatch alarms (for an AWS stack) in the others.
#   python3 tests/unicode/gen.py DIR
import sys, os

out = sys.argv[1]
cps = [c for c in range(1, 0x20) if c not in (0x0A, 0x0D)] + list(range(0x7F, 0xA0))
cps += [0x2028, 0x2029, 0xFEFF] + list(range(0xFDD0, 0xFDF0))
cps += [p << 16 | 0xFFFE for p in range(17)] + [p << 16 | 0xFFFF for p in range(17)]
cps += [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

def lit(cs):
    s = "".join(chr(c) for c in cs)
    return s.replace("\\", "\\\\").replace('"', '\\"')

# Split so that no one string is too long for a name.
chunks = [cps[i:i + 40] for i in range(0, len(cps), 40)]
name = 'A\\nb: [ #' + lit(chunks[0])
specs = {}
for k, ch in enumerate(chunks):
    specs["hostile%d" % k] = (
        'project "%s" {\n' % (name if k == 0 else "P" + lit(ch)) +
        '  idea "Idea %s: {job=\\"x\\"} </script> --- | `x`"\n' % lit(ch) +
        '  users 5000\n%s  budget $100/month\n  latency p95 300ms\n  team 2 mid { skills typescript }\n}\n'
        % ('  cloud gcp\n' if k % 2 == 0 else '  use database aws-rds-postgresql\n' if k % 4 == 1 else '') +
        'entity User {\n  email email unique\n  password secret\n}\n'
        'entity Notë {\n  owner -> User\n  title string(200) = "%s"\n  per User ~ 10\n}\n' % lit(ch[:20]) +
        'feature auth { method jwt }\nfeature crud Notë { owner-only paginate search title }\n'
        'feature notify email on Notë\n')
for n, text in specs.items():
    with open(os.path.join(out, n + ".plinth"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
print(len(cps))
