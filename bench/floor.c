/* floor.c — the I/O floor of the speed benchmark.
 *
 *     floor SITE OUT
 *
 * reads every .md file under SITE/content/news (recursively) and writes its bytes,
 * unchanged, to OUT/news/<file stem>/index.html. No parsing, no Markdown, no
 * templates: the time this takes is what any generator must pay merely to read N
 * news files and write N pages on this machine. One thread, plain POSIX calls, one
 * reused buffer.
 *
 * Build: gcc -O2 -o floor bench/floor.c
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *buf;
static size_t cap;
static long pages;

static void die(const char *what, const char *path) {
    fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

/* snprintf that refuses to truncate a path */
#define PATHF(dst, ...)                                                        \
    do {                                                                       \
        int n_ = snprintf(dst, sizeof dst, __VA_ARGS__);                       \
        if (n_ < 0 || (size_t)n_ >= sizeof dst) {                              \
            errno = ENAMETOOLONG;                                              \
            die("path too long:", dst);                                        \
        }                                                                      \
    } while (0)

static void mkdir_p(const char *path) {
    char tmp[PATH_MAX];
    PATHF(tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST) die("cannot create", tmp);
            *p = '/';
        }
    }
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST) die("cannot create", tmp);
}

static void copy_page(const char *src, const char *outnews, const char *name, size_t stem_len) {
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0) die("cannot open", src);
    struct stat st;
    if (fstat(in, &st) != 0) die("cannot stat", src);
    if ((size_t)st.st_size + 1 > cap) {
        cap = (size_t)st.st_size + 1 > 2 * cap ? (size_t)st.st_size + 1 : 2 * cap;
        buf = realloc(buf, cap);
        if (!buf) die("out of memory reading", src);
    }
    size_t len = 0;
    for (;;) {
        ssize_t r = read(in, buf + len, cap - len);
        if (r < 0) die("cannot read", src);
        if (r == 0) break;
        len += (size_t)r;
        if (len == cap) {  /* the file grew since fstat */
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) die("out of memory reading", src);
        }
    }
    close(in);

    char dir[PATH_MAX], dst[PATH_MAX + 16];
    PATHF(dir, "%s/%.*s", outnews, (int)stem_len, name);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) die("cannot create", dir);
    PATHF(dst, "%s/index.html", dir);
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) die("cannot create", dst);
    for (size_t off = 0; off < len;) {
        ssize_t w = write(out, buf + off, len - off);
        if (w < 0) die("cannot write", dst);
        off += (size_t)w;
    }
    if (close(out) != 0) die("cannot write", dst);
    pages++;
}

static void walk(const char *dir, const char *outnews) {
    DIR *d = opendir(dir);
    if (!d) die("cannot read folder", dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;  /* ., .., hidden files */
        char path[PATH_MAX];
        PATHF(path, "%s/%s", dir, e->d_name);
        unsigned char type = e->d_type;
        if (type == DT_UNKNOWN) {
            struct stat st;
            if (stat(path, &st) != 0) die("cannot stat", path);
            type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
        }
        size_t n = strlen(e->d_name);
        if (type == DT_DIR)
            walk(path, outnews);
        else if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0)
            copy_page(path, outnews, e->d_name, n - 3);
    }
    closedir(d);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: floor SITE OUT\n");
        return 2;
    }
    char src[PATH_MAX], outnews[PATH_MAX];
    PATHF(src, "%s/content/news", argv[1]);
    PATHF(outnews, "%s/news", argv[2]);
    mkdir_p(outnews);
    walk(src, outnews);
    if (pages == 0) {
        fprintf(stderr, "floor: no .md files under %s\n", src);
        return 1;
    }
    free(buf);
    return 0;
}
