#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H

// libedit's el_set, el_get and history() are variadic, which Swift cannot call, so every use the
// LineEditor module makes of them goes through one of these fixed-arity wrappers. Nothing else
// belongs here: the logic lives in Swift.

#include <histedit.h>
#include <stdio.h>

/// A function added with EL_ADDFN and bound to a key; returns one of the CC_* codes.
typedef unsigned char (*cel_command_fn)(EditLine *, int);
/// A prompt function: libedit calls it on every redraw.
typedef char *(*cel_prompt_fn)(EditLine *);

// Swift 6 flags the C globals stdin/stdout/stderr as unsafe, so they are named only here.
static inline EditLine *cel_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int cel_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int cel_set_signal_handling(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int cel_set_prompt(EditLine *el, cel_prompt_fn prompt, char literal_delimiter) {
    return el_set(el, EL_PROMPT_ESC, prompt, (int)literal_delimiter);
}

static inline int cel_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *cel_client_data(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) {
        return NULL;
    }
    return data;
}

static inline int cel_set_history(EditLine *el, History *history_state) {
    return el_set(el, EL_HIST, history, history_state);
}

// Through el_wset because el_rfunc_t hands back wide characters; older libedits' el_set marked the
// function narrow and kept only the low byte of each character.
static inline int cel_set_read_function(EditLine *el, el_rfunc_t read_function) {
    return el_wset(el, EL_GETCFN, read_function);
}

static inline int cel_add_function(EditLine *el, const char *name, const char *help, cel_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int cel_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

// One `setty` argument pair, e.g. ("-d", "-isig"): the edit-mode terminal flags.
static inline int cel_setty(EditLine *el, const char *mode, const char *flag) {
    return el_set(el, EL_SETTY, mode, flag, (const char *)NULL);
}

// 1: the terminal modes for editing, 0: the modes the program had before.
static inline int cel_prepare_terminal(EditLine *el, int editing) {
    return el_set(el, EL_PREP_TERM, editing);
}

// Forgets what libedit believes is on screen and draws prompt and line from the cursor.
static inline int cel_redraw(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

// Emits one terminal capability by its termcap name (e.g. "cd": clear to end of display).
static inline int cel_echo_capability(EditLine *el, const char *capability) {
    return el_set(el, EL_ECHOTC, "-s", capability, (const char *)NULL);
}

static inline int cel_terminal_columns(EditLine *el) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", (char *)&columns, (const char *)NULL) != 0 || columns <= 0) {
        return 80;
    }
    return columns;
}

// Writes through libedit's own output stream so the text stays in order with what it buffered.
static inline void cel_write(EditLine *el, const char *text) {
    FILE *out = NULL;
    if (el_get(el, EL_GETFP, 1, &out) != 0 || out == NULL) {
        out = stdout;
    }
    fputs(text, out);
    fflush(out);
}

// The columns a character takes, measured as libedit measures them when it lays out the line (the
// live REPL finds the cursor's row with it). glibc declares wcwidth only under _XOPEN_SOURCE.
extern int wcwidth(wchar_t c);
static inline int cel_column_width(wchar_t c) {
    return wcwidth(c);
}

static inline void cel_write_standard_output(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

static inline void cel_write_standard_error(const char *text) {
    fputs(text, stderr);
}

static inline int cel_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

static inline int cel_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

static inline int cel_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

static inline int cel_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

static inline int cel_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

// The most recent entry, or NULL when the history is empty.
static inline const char *cel_history_newest(History *h) {
    HistEvent event;
    if (history(h, &event, H_FIRST) < 0) {
        return NULL;
    }
    return event.str;
}

#endif
