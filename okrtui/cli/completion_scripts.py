"""Shell completion scripts for bash, zsh and fish, generated from the argument parser.

The parser is read into a small model (every command path with its subcommands, options,
the options that take a value, their choices, and which arguments are files), and each
shell's script is that model as `case` tables plus a function that finds the command
path in the words typed so far. Nothing here runs unless `okrtui completion` asks.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from okrtui import __version__

# Arguments that name a file: completed with the shell's file completion.
FILE_ARGUMENTS = frozenset({"db", "out", "file", "base", "ours", "theirs", "backup"})


@dataclass
class Option:
    """One option of a command."""

    names: tuple[str, ...]
    help: str
    takes_value: bool
    choices: tuple[str, ...] = ()
    files: bool = False


@dataclass
class Command:
    """One command path (`""` is okrtui itself, `"kr add"` a subcommand)."""

    path: str
    subcommands: list[tuple[str, str]] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    words: tuple[str, ...] = ()  # what a positional argument can be (template names)
    files: bool = False  # a positional argument is a file


def commands(parser: argparse.ArgumentParser) -> list[Command]:
    """Every command path of `parser`, okrtui itself first."""
    out: list[Command] = []
    _walk(parser, "", out)
    return out


def _walk(parser: argparse.ArgumentParser, path: str, out: list[Command]) -> None:
    command = Command(path)
    out.append(command)
    children: list[tuple[str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, child in action.choices.items():
                command.subcommands.append((name, _one_line(helps.get(name, ""))))
                children.append((name, child))
        elif action.option_strings:
            if action.help == argparse.SUPPRESS:
                continue
            command.options.append(Option(
                tuple(action.option_strings), _one_line(action.help or ""),
                action.nargs != 0, tuple(str(c) for c in action.choices or ()),
                action.dest in FILE_ARGUMENTS))
        else:
            if action.dest in FILE_ARGUMENTS:
                command.files = True
            elif action.choices:
                command.words += tuple(str(c) for c in action.choices)
            elif path.startswith("template ") and action.dest == "name":
                from okrtui.domain.cycle.templates import template_names

                command.words += tuple(template_names())
    for name, child in children:
        _walk(child, f"{path} {name}".strip(), out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for `shell` ("bash", "zsh" or "fish")."""
    model = commands(parser)
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](model)


# ---- the tables every shell's script shares (POSIX `case`, read by bash and zsh) ------


def _case_function(name: str, rows: list[tuple[str, str]], comment: str) -> str:
    lines = [f"# {comment}", f"{name}() {{", '    case "$1" in']
    for key, value in rows:
        if value:
            lines.append(f'        "{key}") echo "{value}" ;;')
    lines += ["    esac", "}"]
    return "\n".join(lines)


def _tables(model: list[Command]) -> str:
    subs = [(c.path, " ".join(n for n, _ in c.subcommands)) for c in model]
    opts = [(c.path, " ".join(n for o in c.options for n in o.names)) for c in model]
    valued = [(c.path, " ".join(n for o in c.options if o.takes_value for n in o.names))
              for c in model]
    choices = [(f"{c.path} {n}".strip(), " ".join(o.choices)) for c in model
               for o in c.options if o.choices for n in o.names]
    words = [(c.path, " ".join(c.words)) for c in model]
    files = [f'"{c.path} {n}"' if c.path else f'" {n}"' for c in model for o in c.options
             if o.files for n in o.names]
    files += [f'"{c.path} "' for c in model if c.files]
    parts = [
        _case_function("_okrtui_subs", subs, "the subcommands of a command path"),
        _case_function("_okrtui_opts", opts, "the options of a command path"),
        _case_function("_okrtui_valued", valued, "the options that take a value"),
        _case_function("_okrtui_choices", choices,
                       'the values an option takes: "$1" is "PATH OPTION"'),
        _case_function("_okrtui_words", words, "the values a positional argument takes"),
        "# whether \"$1\" (\"PATH OPTION\", or \"PATH \" for a positional) names a file",
        "_okrtui_files() {",
        '    case "$1" in',
        f"        {'|'.join(files)}) return 0 ;;",
        "    esac",
        "    return 1",
        "}",
    ]
    return "\n".join(parts)


# The command path: the subcommand words typed so far, skipping options and their values.
_FIND_PATH = '''\
    local cmdpath="" word skip="" i
    for ((i = {first}; i < {current}; i++)); do
        word="${{{words}[i]}}"
        if [[ -n $skip ]]; then skip=""; continue; fi
        if [[ $word == -* ]]; then
            if [[ $word != *=* && " $(_okrtui_valued "$cmdpath") " == *" $word "* ]]; then
                skip=1
            fi
            continue
        fi
        if [[ " $(_okrtui_subs "$cmdpath") " == *" $word "* ]]; then
            cmdpath="${{cmdpath:+$cmdpath }}$word"
        fi
    done'''


def bash(model: list[Command]) -> str:
    """The bash script: `source` it, or put it in bash-completion's folder."""
    find = _FIND_PATH.format(first=1, current="COMP_CWORD", words="COMP_WORDS")
    return f'''\
# bash completion for okrtui {__version__}, generated by `okrtui completion bash`.
# Put it in ~/.local/share/bash-completion/completions/okrtui, or source it from ~/.bashrc.

{_tables(model)}

# Add the files that start with "$1" to COMPREPLY (one per line: spaces survive).
_okrtui_add_files() {{
    local line
    compopt -o filenames 2>/dev/null
    while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -f -- "$1")
}}

_okrtui() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}"
    COMPREPLY=()
{find}
    if [[ -n $skip ]]; then
        local prev="${{COMP_WORDS[COMP_CWORD-1]}}" choices
        choices="$(_okrtui_choices "${{cmdpath:+$cmdpath }}$prev")"
        if [[ -n $choices ]]; then
            COMPREPLY=($(compgen -W "$choices" -- "$cur"))
        elif _okrtui_files "$cmdpath $prev"; then
            _okrtui_add_files "$cur"
        fi
        return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_okrtui_opts "$cmdpath")" -- "$cur"))
        return 0
    fi
    local subs words
    subs="$(_okrtui_subs "$cmdpath")"
    words="$(_okrtui_words "$cmdpath")"
    if [[ -n $subs || -n $words ]]; then
        COMPREPLY=($(compgen -W "$subs $words" -- "$cur"))
    elif _okrtui_files "$cmdpath "; then
        _okrtui_add_files "$cur"
    fi
    return 0
}}

complete -F _okrtui okrtui
'''


def _described(name: str, rows: list[tuple[str, list[tuple[str, str]]]], comment: str,
               quote: str) -> str:
    """A `case` function that prints "name:description" lines (zsh's _describe format)."""
    lines = [f"# {comment}", f"{name}() {{", '    case "$1" in']
    for key, items in rows:
        if not items:
            continue
        body = " ".join(quote(f"{n.replace(':', chr(92) + ':')}:{d}") for n, d in items)
        lines.append(f'        "{key}") print -rl -- {body} ;;')
    lines += ["    esac", "}"]
    return "\n".join(lines)


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def zsh(model: list[Command]) -> str:
    """The zsh script: a `_okrtui` file in a folder of $fpath, or sourced after compinit."""
    find = _FIND_PATH.format(first=2, current="CURRENT", words="words")
    subs = _described("_okrtui_subs_described",
                      [(c.path, c.subcommands) for c in model],
                      "subcommands with their descriptions", _zsh_quote)
    opts = _described("_okrtui_opts_described",
                      [(c.path, [(n, o.help) for o in c.options for n in o.names])
                       for c in model], "options with their descriptions", _zsh_quote)
    return f'''\
#compdef okrtui
# zsh completion for okrtui {__version__}, generated by `okrtui completion zsh`.
# Save it as _okrtui in a folder of your $fpath (before compinit runs), or source it
# after compinit in ~/.zshrc.

{_tables(model)}

{subs}

{opts}

_okrtui() {{
{find}
    if [[ -n $skip ]]; then
        local prev="${{words[CURRENT-1]}}"
        local -a choices
        choices=(${{=$(_okrtui_choices "${{cmdpath:+$cmdpath }}$prev")}})
        if (( ${{#choices}} )); then
            compadd -a choices
        elif _okrtui_files "$cmdpath $prev"; then
            _files
        fi
        return
    fi
    local -a items
    if [[ $PREFIX == -* ]]; then
        items=("${{(@f)$(_okrtui_opts_described "$cmdpath")}}")
        (( ${{#items}} )) && _describe -t options 'okrtui option' items
        return
    fi
    items=("${{(@f)$(_okrtui_subs_described "$cmdpath")}}")
    if [[ -n ${{items[1]}} ]]; then
        _describe -t commands 'okrtui command' items
        return
    fi
    local -a values
    values=(${{=$(_okrtui_words "$cmdpath")}})
    if (( ${{#values}} )); then
        compadd -a values
    elif _okrtui_files "$cmdpath "; then
        _files
    fi
}}

if [[ $funcstack[1] == _okrtui ]]; then
    _okrtui "$@"  # autoloaded from $fpath: this file's body is the first completion
else
    compdef _okrtui okrtui  # sourced
fi
'''


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(model: list[Command]) -> str:
    """The fish script: ~/.config/fish/completions/okrtui.fish."""
    q = _fish_quote
    subs = "\n".join(f"        case {q(c.path)}\n            printf '%s\\n' "
                     + " ".join(q(n) for n, _ in c.subcommands)
                     for c in model if c.subcommands)
    valued = "\n".join(f"        case {q(c.path)}\n            printf '%s\\n' "
                       + " ".join(q(n) for o in c.options if o.takes_value for n in o.names)
                       for c in model if any(o.takes_value for o in c.options))
    lines: list[str] = []
    for c in model:
        at = f"-n {q('__okrtui_at ' + q(c.path))}"
        for name, help_text in c.subcommands:
            lines.append(f"complete -c okrtui {at} -a {q(name)} -d {q(help_text)}")
        for o in c.options:
            flags = " ".join(f"-l {q(n[2:])}" if n.startswith("--") else f"-s {q(n[1:])}"
                             for n in o.names)
            extra = ""
            if o.takes_value:
                extra = " -r -F" if o.files else " -r -f"
                if o.choices:
                    extra += f" -a {q(' '.join(o.choices))}"
            lines.append(f"complete -c okrtui {at} {flags}{extra} -d {q(o.help)}")
        if c.words:
            lines.append(f"complete -c okrtui {at} -a {q(' '.join(c.words))}")
        if c.files:
            lines.append(f"complete -c okrtui {at} -F")
    rules = "\n".join(lines)
    return f'''\
# fish completion for okrtui {__version__}, generated by `okrtui completion fish`.
# Save it as ~/.config/fish/completions/okrtui.fish.

function __okrtui_subs
    switch $argv[1]
{subs}
    end
end

function __okrtui_valued
    switch $argv[1]
{valued}
    end
end

# The command path typed so far: subcommand words, skipping options and their values.
function __okrtui_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l cmdpath ''
    set -l skip 0
    for word in $words
        if test $skip = 1
            set skip 0
            continue
        end
        if string match -q -- '-*' $word
            if not string match -q -- '*=*' $word; and contains -- $word (__okrtui_valued $cmdpath)
                set skip 1
            end
            continue
        end
        if contains -- $word (__okrtui_subs $cmdpath)
            set cmdpath (string trim -- "$cmdpath $word")
        end
    end
    echo $cmdpath
end

function __okrtui_at
    set -l here (__okrtui_path)
    test "$here" = "$argv[1]"
end

complete -c okrtui -f
{rules}
'''
