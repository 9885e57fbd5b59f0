#ifndef AIRLOCK_CNCURSESW_SHIM_H
#define AIRLOCK_CNCURSESW_SHIM_H
// The wide-character API needs this before the include; pkg-config's
// -D_XOPEN_SOURCE is dropped by SwiftPM (see shared/TERMINAL.md).
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

static inline WINDOW *airlock_stdscr(void) { return stdscr; }
static inline int airlock_lines(void) { return LINES; }
static inline int airlock_cols(void) { return COLS; }
static inline attr_t airlock_a_bold(void) { return A_BOLD; }
static inline attr_t airlock_a_reverse(void) { return A_REVERSE; }
static inline attr_t airlock_a_underline(void) { return A_UNDERLINE; }
static inline attr_t airlock_a_normal(void) { return A_NORMAL; }
#endif
