// Shim header: exposes libedit's editline and history API (Debian libedit-dev) to Swift.
#include <stdio.h>
#include <locale.h>
#include <histedit.h>
