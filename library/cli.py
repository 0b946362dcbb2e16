"""Command line behind `python -m checks` (the name users know): batch check, export, and store in the library.

Usage: python -m checks PATH... [--format json|csv|xlsx|checklist] [-o FILE] [--jobs N] [--progress] [--library]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the modules load after the arguments are read: `--help` and usage errors stay quick
    from library.batch import Progress, Result

FORMATS = ("json", "csv", "xlsx", "checklist")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数 / must be a positive integer: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m checks",
        description="检查预算公开文件并导出问题清单。/ Check budget disclosures and export the findings.",
        epilog="退出码 / exit status: 0 检查完成（不论发现多少问题）/ run completed, whatever was found; "
        "2 用法错误 / usage error. 无法读取的文件记为 error 状态，其余照常检查 / "
        "unreadable files are reported with status error and the batch goes on. "
        "1 无法写入输出文件或文件库被占用 / output not writable or library busy.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="文件或文件夹；文件夹递归查找 .txt/.docx/.pdf，跳过隐藏文件 / "
        "files or folders; folders are searched recursively for .txt, .docx, .pdf (hidden files skipped)",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="输出格式，默认取 -o 的扩展名，否则 json；xlsx 与 checklist（每个文件一张检查表）必须配合 -o / "
        "output format; default from the -o extension, else json; xlsx and checklist (one inspection form "
        "sheet per file) need -o",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="输出文件，默认标准输出 / output file (default: stdout)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="并行进程数，默认 CPU 核数 / worker processes (default: number of CPUs)",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="在标准错误输出进度（终端下默认开启）/ show progress on stderr (on by default in a terminal)",
    )
    parser.add_argument(
        "--library",
        action="store_true",
        help="检查后把可读文件加入预算文件库（默认 $BUDGETSCOPE_LIBRARY 或 data/library.duckdb）/ "
        "afterwards add the readable files to the library (default: $BUDGETSCOPE_LIBRARY or data/library.duckdb)",
    )
    return parser


def _add_to_library(results: list[Result], jobs: int | None) -> bool:
    """Add the ok documents to the library; report how many were new. False when the library was busy."""
    from library.store import LibraryBusy, LibraryError, open_library

    skipped: list[str] = []
    try:
        library = open_library()
        added = library.add_results(results, jobs=jobs, skipped=skipped)
    except LibraryBusy as exc:
        print(f"{exc} / library busy, nothing added", file=sys.stderr)
        return False
    except LibraryError as exc:
        print(f"{exc}", file=sys.stderr)
        return False
    except Exception as exc:  # the report must still be written
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        print(f"文件库写入失败 / library write failed: {type(exc).__name__}: {detail}", file=sys.stderr)
        return False
    readable = sum(status.status == "ok" for status, _ in results)
    print(f"文件库 {library.path}：新增 {added} 份（可读 {readable} 份）/ library: {added} new of {readable} readable",
          file=sys.stderr)  # fmt: skip
    for name in skipped:
        print(f"{name}：未能存入文件库 / not stored in the library", file=sys.stderr)
    return True


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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from checks.registry import load_rules
    from checks.report import findings_csv, findings_json, findings_xlsx
    from library.batch import SUFFIXES, check_files, collect_files, tune_gc

    tune_gc()  # after the imports: the rules, models and pandas stay out of every collection

    fmt = _format(args)
    if not args.paths:
        parser.error("请给出至少一个文件或文件夹 / give at least one file or folder")
    if fmt in ("xlsx", "checklist") and args.output is None:
        parser.error(f"{fmt} 格式需要用 -o 指定输出文件 / --format {fmt} needs -o FILE")
    if args.output is not None and not args.output.parent.is_dir():
        parser.error(f"输出目录不存在 / output folder does not exist: {args.output.parent}")
    try:
        files = collect_files(args.paths)
    except FileNotFoundError as exc:
        parser.error(f"路径不存在 / no such file or folder: {exc.args[0]}")
    if not files:
        kinds = "/".join(SUFFIXES)
        parser.error(f"没有找到可检查的文件（{kinds}）/ no {kinds} files found in: {' '.join(args.paths)}")

    show = args.progress or sys.stderr.isatty()
    forms = None
    if fmt == "checklist":  # the forms quote the source text, so each file is checked with its document
        from library.forms import check_forms

        pairs = check_forms(files, progress=_progress_printer() if show else None)
        results, forms = [r for r, _ in pairs], [f for _, f in pairs]
    else:
        results = check_files(files, jobs=args.jobs, progress=_progress_printer() if show else None)
    stored = not args.library or _add_to_library(results, args.jobs)
    documents = [status for status, _ in results]
    findings = [f for _, found in results for f in found]

    if forms is not None:
        from checks.checklist import checklist_xlsx

        data = checklist_xlsx(forms)
    elif fmt == "xlsx":
        rules = sorted(load_rules().values(), key=lambda r: r.code)
        data = findings_xlsx(documents, findings, rules, scores=True)  # with the 评分 sheet, as the dashboard
    elif fmt == "csv":
        data = findings_csv(documents, findings)
    else:
        text = json.dumps(findings_json(documents, findings), ensure_ascii=False, indent=2)
        data = (text + "\n").encode("utf-8")

    if args.output is None:
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # `python -m checks DIR | head`: the reader has what it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        return 0 if stored else 1
    try:
        args.output.write_bytes(data)
    except OSError as exc:
        print(f"无法写入 / cannot write {args.output}: {exc}", file=sys.stderr)
        return 1
    failed = sum(d.status == "error" for d in documents)
    print(
        f"已写入 {args.output}：{len(documents)} 个文件（{failed} 个无法读取），{len(findings)} 条问题 / "
        f"wrote {args.output}: {len(documents)} files ({failed} unreadable), {len(findings)} findings",
        file=sys.stderr,
    )
    return 0 if stored else 1


if __name__ == "__main__":
    sys.exit(main())
