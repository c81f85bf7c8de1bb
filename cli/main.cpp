// atlas: companion CLI over engine/ops (schema inspect/apply/diff/fmt). Filled in by the SQLite issue.
#include <cstdio>

int main() {
  std::fputs("atlas: no command given\n", stderr);
  return 1;
}
