"""Command line behind `python -m checks` (the name users know): batch check, export, and store in the library.

Usage: python -m checks PATH... [--format json|csv|xlsx|checklist] [-o FILE] [--jobs N] [--progress] [--library]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn

if TYPE_CHECKING:  # the modules load after the arguments are read: `--help` and usage errors stay quick
    from collections.abc import Callable

    from checks.findings import Finding
    from checks.report import DocumentStatus
    from library.batch import Progress, Result
    from library.store import Ingest

FORMATS = ("json", "csv", "xlsx", "checklist")
# Documents per library write in a batch: each write pays a connection and a checkpoint (about 0.1 s); a
# burst of 48 synthetic documents holds the lock for about 0.2 s, well within a reader's wait
# (library.store.TIMEOUT).
CLI_BURST = 48


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text!r}")
    return value


# argparse's own messages (Python 3.11 wording) in Chinese; the option names stay as typed.
_ARGPARSE_ZH = [
    (re.compile(r"^argument (.+?): invalid choice: (.*) \(choose from (.*)\)$"), r"参数 \1：无效的取值 \2（可选 \3）"),
    (re.compile(r"^argument (.+?): expected one argument$"), r"参数 \1 需要一个值"),
    (re.compile(r"^argument (.+?): (.*)$"), r"参数 \1：\2"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"无法识别的参数：\1"),
    (re.compile(r"^the following arguments are required: (.*)$"), r"缺少参数：\1"),
]  # fmt: skip


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:
        # argparse closes a section title with an ASCII colon; Chinese text takes the full-width one.
        return re.sub(r"^(\S[^\n]*?[\u4e00-\u9fff]):$", r"\1：", super().format_help(), flags=re.MULTILINE)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage line, section titles and error messages in Chinese."""

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGPARSE_ZH:
            if pattern.match(message):
                message = pattern.sub(chinese, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m checks",
        description="检查预算公开文件并导出问题清单。",
        epilog="退出码：0 检查完成（不论发现多少问题；无法读取的文件记为 error 状态，其余照常检查）；"
        "1 无法写入输出文件，或文件库被占用、已损坏、写入失败（报告仍会写出）；2 用法错误。",
        formatter_class=_Formatter,
        add_help=False,
    )
    parser._positionals.title = "位置参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="文件或文件夹；文件夹递归查找 .txt/.docx/.pdf，跳过隐藏文件",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="输出格式，默认取 -o 的扩展名，否则 json；xlsx 与 checklist（每个文件一张检查表）必须配合 -o",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="输出文件，默认标准输出",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="并行进程数，默认 CPU 核数",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="在标准错误输出进度（终端下默认开启）",
    )
    parser.add_argument(
        "--library",
        action="store_true",
        help="把可读文件随检查加入预算文件库（默认 $BUDGETSCOPE_LIBRARY 或 data/library.duckdb）",
    )
    return parser


def _library_failed(exc: BaseException) -> None:
    """One line on stderr for a library that cannot be opened or written; the report is still written."""
    from library.store import LibraryBusy, LibraryError

    if isinstance(exc, LibraryBusy):
        print(f"{exc}未加入任何文件。", file=sys.stderr)
    elif isinstance(exc, LibraryError):
        print(f"{exc}", file=sys.stderr)
    else:
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        print(f"文件库写入失败：{type(exc).__name__}: {detail}", file=sys.stderr)


def _added(ingest: Ingest, readable: int) -> None:
    print(f"文件库 {ingest.library.path}：新增 {ingest.added} 份（可读 {readable} 份）", file=sys.stderr)
    for name in ingest.skipped:
        print(f"{name}：未能存入文件库", file=sys.stderr)


def _open_ingest() -> Ingest | None:
    """The library verified and ready to take documents as they come; None (message shown) when it cannot."""
    from library.store import Ingest, open_library

    try:
        return Ingest(open_library(), burst=CLI_BURST)
    except Exception as exc:  # LibraryBusy, LibraryCorrupt, anything else: the batch and its report go on
        _library_failed(exc)
        return None


class _Run:
    """Results as they arrive: fed to the report (a StreamedReport for json and csv, else kept in lists) and,
    with --library, to the library in bursts. `stored` turns False when the library fails; the rest goes on."""

    def __init__(self, fmt: str, library: bool) -> None:
        from checks.report_stream import FORMATS, StreamedReport, render_json

        self.stream = StreamedReport(fmt) if fmt in FORMATS else None
        # what iter_checked hands the batch workers: a JSON report's documents come back ready to write
        self.render = render_json if fmt == "json" else None
        self.documents: list[DocumentStatus] = []
        self.findings: list[Finding] = []
        self.ingest = _open_ingest() if library else None
        self.stored = not library or self.ingest is not None
        self.readable = 0

    def add(self, result: Result, prepared: object) -> None:
        from checks.report_stream import Rendered

        status, found = result
        if self.stream is not None:
            if isinstance(found, Rendered):  # laid out where the file was checked (self.render)
                self.stream.add_rendered(status, found)
            else:
                self.stream.add(status, found)
        else:
            self.documents.append(status)
            self.findings += found
        if status.status != "ok" or self.ingest is None:
            return
        self.readable += 1
        if prepared is None:  # read and checked, but its rows could not be prepared
            self.ingest.skipped.append(status.file)
            return
        self._library(self.ingest.feed, prepared)

    def _library(self, write: Callable[..., object], *args: object) -> None:
        try:
            write(*args)
        except Exception as exc:  # busy or refused: the library stops here, the batch and report go on
            _library_failed(exc)
            self.ingest, self.stored = None, False

    def finish(self) -> None:
        if self.ingest is not None:
            self._library(self.ingest.close)
        if self.ingest is not None:
            _added(self.ingest, self.readable)


def _progress_printer() -> Progress:
    tty = sys.stderr.isatty()

    def show(done: int, total: int, name: str) -> None:
        if tty:  # one line, rewritten in place
            end = "\n" if done == total else ""
            sys.stderr.write(f"\r\033[K已检查 {done}/{total} … {name}{end}")
        else:
            sys.stderr.write(f"已检查 {done}/{total} … {name}\n")
        sys.stderr.flush()

    return show


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = args.output.suffix.lower().lstrip(".") if args.output else ""
    return suffix if suffix in FORMATS else "json"


def _preload(fmt: str, with_library: bool) -> None:
    """What the run will import anyway, loaded before tune_gc freezes it: the rules (else each batch worker,
    forked from this process, would import them itself), pandas for the reports built from frames, DuckDB
    and Arrow for the library."""
    from checks.registry import load_rules

    load_rules()
    if fmt != "json":
        import pandas  # noqa: F401
    if with_library:
        import library.store  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from checks.registry import load_rules
    from library.batch import SUFFIXES, collect_files, iter_checked, tune_gc

    fmt = _format(args)
    if not args.paths:
        parser.error("请给出至少一个文件或文件夹（PATH）")
    if fmt in ("xlsx", "checklist") and args.output is None:
        parser.error(f"{fmt} 格式需要用 -o 指定输出文件")
    if args.output is not None and not args.output.parent.is_dir():
        parser.error(f"输出目录不存在：{args.output.parent}")
    try:
        files = collect_files(args.paths)
    except FileNotFoundError as exc:
        parser.error(f"路径不存在：{exc.args[0]}")
    if not files:
        kinds = "/".join(SUFFIXES)
        parser.error(f"没有找到可检查的文件（{kinds}）：{' '.join(args.paths)}")
    _preload(fmt, args.library)
    tune_gc()  # after the imports: the rules, models, pandas and DuckDB stay out of every collection

    show = args.progress or sys.stderr.isatty()
    progress = _progress_printer() if show else None
    if fmt == "checklist":  # the forms quote the source text, so each file is checked with its document
        from checks.checklist import checklist_xlsx
        from library.forms import iter_forms

        run, forms = _Run("xlsx", args.library), []
        prepare = None
        if run.ingest is not None:  # the library's rows come from the document the form was built from
            from library.store import prepare
        for result, form, prepared in iter_forms(files, progress=progress, prepare=prepare):
            run.add(result, prepared)
            forms.append(form)
        run.finish()
        return _write(args, run, checklist_xlsx(forms), run.stored)
    run = _Run(fmt, args.library)
    prepare = None
    if run.ingest is not None:  # the workers prepare the library's rows from the document they parsed
        from library.store import prepare
    for result, prepared in iter_checked(
        files, jobs=args.jobs, progress=progress, prepare=prepare, render=run.render
    ):
        run.add(result, prepared)
    run.finish()
    data = None
    if run.stream is None:  # xlsx: one workbook from all the rows
        from checks.report import findings_xlsx

        rules = sorted(load_rules().values(), key=lambda r: r.code)
        data = findings_xlsx(
            run.documents, run.findings, rules, scores=True
        )  # with the 评分 sheet, as the dashboard
    return _write(args, run, data, run.stored)


def _write(args: argparse.Namespace, run: _Run, data: bytes | None, stored: bool) -> int:
    """The report to -o or stdout (`data`, else the streamed report); rc 1 when it or the library failed."""
    try:
        if args.output is None:
            try:
                _put(sys.stdout.buffer, run, data)
                sys.stdout.buffer.flush()
            except BrokenPipeError:  # `python -m checks DIR | head`: the reader has what it wanted
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                os.close(devnull)
            return 0 if stored else 1
        try:
            with args.output.open("wb") as out:
                _put(out, run, data)
        except OSError as exc:
            print(f"无法写入 {args.output}：{exc}", file=sys.stderr)
            return 1
    finally:
        if run.stream is not None:
            run.stream.close()
    documents, failed, findings = (
        (run.stream.documents, run.stream.failed, run.stream.findings)
        if run.stream is not None
        else (len(run.documents), sum(d.status == "error" for d in run.documents), len(run.findings))
    )
    print(
        f"已写入 {args.output}：{documents} 个文件（{failed} 个无法读取），{findings} 条问题",
        file=sys.stderr,
    )
    return 0 if stored else 1


def _put(out: BinaryIO, run: _Run, data: bytes | None) -> None:
    if data is not None:
        out.write(data)
    elif run.stream is not None:
        run.stream.write(out)


if __name__ == "__main__":
    sys.exit(main())
