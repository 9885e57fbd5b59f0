#ifndef AIRLOCK_CNCURSESW_SHIM_H
#define AIRLOCK_CNCURSESW_SHIM_H
// The wide-character API needs this before the include; pkg-config's
// -D_XOPEN_SOURCE is dropped by SwiftPM (see shared/TERMINAL.md).
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Global mutable C state, read through functions: Swift 6's strict concurrency refuses
// the variables themselves.
static inline WINDOW *airlock_stdscr(void) { return stdscr; }
static inline WINDOW *airlock_curscr(void) { return curscr; }
static inline int airlock_lines(void) { return LINES; }
static inline int airlock_cols(void) { return COLS; }
static inline int airlock_colors(void) { return COLORS; }
static inline int airlock_color_pairs(void) { return COLOR_PAIRS; }
static inline int airlock_getmaxy(WINDOW *win) { return getmaxy(win); }
static inline int airlock_getmaxx(WINDOW *win) { return getmaxx(win); }

// glibc declares wcwidth only under _XOPEN_SOURCE; ncurses measures cells with it, so
// the adapter asks the same function.
extern int wcwidth(wchar_t c);
static inline int airlock_wcwidth(wchar_t c) { return wcwidth(c); }

// Macros Swift does not import.
static inline attr_t airlock_a_normal(void) { return A_NORMAL; }
static inline attr_t airlock_a_bold(void) { return A_BOLD; }
static inline attr_t airlock_a_dim(void) { return A_DIM; }
static inline attr_t airlock_a_underline(void) { return A_UNDERLINE; }
static inline attr_t airlock_a_reverse(void) { return A_REVERSE; }
static inline attr_t airlock_a_italic(void) { return A_ITALIC; }
static inline attr_t airlock_a_attributes(void) { return A_ATTRIBUTES; }
static inline attr_t airlock_a_color(void) { return A_COLOR; }
static inline int airlock_key_f(int n) { return KEY_F(n); }
static inline int airlock_pair_number(attr_t attrs) { return PAIR_NUMBER(attrs); }

/// tigetstr's answer when `name` is not a string capability of the terminal (or absent).
static inline int airlock_is_string_capability(const char *value) {
    return value != NULL && value != (const char *)-1;
}
#endif
