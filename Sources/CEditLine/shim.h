// Shim header: exposes libedit's editline and history API (Debian libedit-dev) to Swift, with
// non-variadic wrappers because Swift cannot call C variadic functions such as el_set and history.
#include <stdio.h>
#include <locale.h>
#include <signal.h>
#include <histedit.h>

typedef char *(*unroll_prompt_fn)(EditLine *);
typedef unsigned char (*unroll_command_fn)(EditLine *, int);

static inline EditLine *unroll_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
/* '\1' brackets non-printing escape sequences (colours) inside the prompt. */
static inline int unroll_el_set_prompt(EditLine *e, unroll_prompt_fn fn) {
    return el_set(e, EL_PROMPT_ESC, fn, '\1');
}
static inline int unroll_el_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int unroll_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int unroll_el_set_history(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int unroll_el_add_function(EditLine *e, const char *name, const char *help, unroll_command_fn fn) {
    return el_set(e, EL_ADDFN, name, help, fn);
}
static inline int unroll_el_bind(EditLine *e, const char *key, const char *command) {
    return el_set(e, EL_BIND, key, command, NULL);
}
static inline int unroll_el_set_clientdata(EditLine *e, void *data) { return el_set(e, EL_CLIENTDATA, data); }
static inline void *unroll_el_get_clientdata(EditLine *e) {
    void *data = NULL;
    el_get(e, EL_CLIENTDATA, &data);
    return data;
}
static inline int unroll_el_refresh(EditLine *e) { return el_set(e, EL_REFRESH); }
/* Puts the terminal into the editor's raw mode now (libedit otherwise switches only after drawing the prompt). */
static inline int unroll_el_prep_term(EditLine *e, int on) { return el_set(e, EL_PREP_TERM, on); }

static inline History *unroll_history_init(int size) {
    History *h = history_init();
    HistEvent ev;
    if (h) {
        history(h, &ev, H_SETSIZE, size);
        history(h, &ev, H_SETUNIQUE, 1);
    }
    return h;
}
static inline int unroll_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
/* Edit-mode tty flags, e.g. ("-d", "-isig") so Ctrl-C reaches a key binding instead of raising SIGINT. */
static inline int unroll_el_setty(EditLine *e, const char *mode, const char *flag) {
    return el_set(e, EL_SETTY, mode, flag, NULL);
}
