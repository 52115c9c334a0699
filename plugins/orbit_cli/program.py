"""`./site …`: invoke's command line with the exit codes CONTRIBUTING.md documents.

Invoke exits 1 for every parse error (`./site chek`, `./site check --bogus`, `./site new` without
a title), the code that means "content problems". A usage mistake exits 3 here. And a `--help`
written after a task name that takes a positional argument (`./site new --help`) was taken as that
argument, so `new` wrote content/articles/help.md; it is moved before the task name, where
invoke reads it as "show this task's help", so asking for help never writes a file.

Invoke also turns off writing compiled modules (.pyc) unless given --write-pyc, to keep a
tasks.pyc out of the project folder. Then nothing imported after it was ever cached, and every
`./site check` compiled pydantic, Markdown and the plugins again, about as long as the checking
itself. Here Python decides, as it does everywhere else (PYTHONDONTWRITEBYTECODE or -B turn it
off); __pycache__ is in .gitignore.
"""

from __future__ import annotations

import sys

from invoke import Exit, ParseError, Program

USAGE = 3


class SiteProgram(Program):
    def parse_core(self, argv):
        python_default = sys.dont_write_bytecode
        try:
            super().parse_core(argv)
        except ParseError as err:
            raise Exit(f"{err} — run `./site --list` for the tasks", code=USAGE) from None
        sys.dont_write_bytecode = python_default and not self.args["write-pyc"].value

    def parse_tasks(self):
        try:
            super().parse_tasks()
        except ParseError as err:
            hint = (
                "./site --list"
                if "No idea what '" in str(err) and "'-" not in str(err)
                else "./site --help <task>"
            )
            raise Exit(f"{err} — run `{hint}` to see what it takes", code=USAGE) from None


def help_first(argv: list[str]) -> list[str]:
    """['new', '--help'] -> ['--help', 'new']: help for the task, never a title '--help'."""
    for flag in ("--help", "-h"):
        if flag in argv[1:]:
            at = argv.index(flag)
            task = next((a for a in argv[:at] if not a.startswith("-")), None)
            if task is not None:
                return [flag, task]
    return argv


def main(argv: list[str] | None = None):
    argv = sys.argv[1:] if argv is None else argv
    SiteProgram().run(["invoke", *help_first(argv)])


if __name__ == "__main__":
    main()
