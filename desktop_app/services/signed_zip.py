"""The checks every signed archive of this program gets (exchange bundles, sample packs): safe member names, zip-bomb
limits, strict member JSON, and a manifest signed with an HMAC under the procuratorate key.

Kept in one place so that a pack and a bundle refuse the same damage in the same words (docs/bundle-format.md).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from desktop_app.core.case_format import CaseFormatError, loads_strict
from desktop_app.core.i18n import tr
from desktop_app.core.limits import BUNDLE_MEMBER_RATIO, BUNDLE_TOTAL_BYTES
from desktop_app.services.errors import ServiceError
from desktop_app.services.keys import ProcuratorateKey

MANIFEST = "manifest.json"
#: Limits against zip bombs and oversized input (documented in docs/bundle-format.md).
RATIO_FREE_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 1_000_000


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sign_manifest(manifest: dict[str, Any], key: ProcuratorateKey) -> dict[str, str]:
    return {"key_id": key.key_id, "hmac": key.mac(canonical({k: v for k, v in manifest.items() if k != "signature"}))}


def write_manifest(archive: zipfile.ZipFile, manifest: dict[str, Any], key: ProcuratorateKey | None) -> None:
    """The manifest goes in last, signed under the key when there is one (its `signature` stays None otherwise)."""
    if key is not None:
        manifest["signature"] = sign_manifest(manifest, key)
    archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class ArchiveError(ServiceError):
    """The archive is damaged, altered or not what it claims to be: exit 2, nothing written."""


class Checker:
    """Collects problems in the `FILE!MEMBER: FIELD: message` shape every import uses; `error` is the kind raised."""

    error: type[ArchiveError] = ArchiveError

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, zh: str, en: str) -> ArchiveError:
        text = f"{self.source}{'!' + where if where else ''}: " + tr(zh, en)
        return self.error(text[:2000])


def has_lone_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def parse_member_json(raw: bytes, where: str, check: Checker) -> Any:
    """Member JSON read as strictly as a case file (`loads_strict`), plus no lone surrogates anywhere."""
    try:
        data = loads_strict(raw.decode("utf-8"), where)
    except UnicodeDecodeError:
        raise check.fail(where, "不是 UTF-8 编码", "not UTF-8") from None
    except CaseFormatError as exc:
        detail = exc.problems[0].split("(json): ", 1)[-1][:200]
        raise check.fail(where, f"不是有效的 JSON（{detail}）", f"not valid JSON ({detail})") from None
    if has_lone_surrogate(data):
        raise check.fail(where, "含有无效的 Unicode 字符（孤立代理项）", "contains an invalid Unicode character (lone "
                         "surrogate)")
    return data


def safe_member_name(name: str) -> bool:
    if not name or "\\" in name or "\0" in name or name.startswith("/") or ":" in name:
        return False
    parts = PurePosixPath(name).parts
    return all(part not in ("..", ".", "") for part in parts) and not name.endswith("/")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, check: Checker) -> bytes:
    """Read at most the declared size; more (a lying header) or a bad CRC is a damaged bundle."""
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise check.fail(info.filename, "成员大小与记录不符", "member size does not match its header")
    return data


def check_archive(archive: zipfile.ZipFile, check: Checker) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise check.fail("", f"成员过多（{len(infos)}）", f"too many members ({len(infos)})")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    max_total, max_ratio = BUNDLE_TOTAL_BYTES.value, BUNDLE_MEMBER_RATIO.value
    for info in infos:
        name = info.filename
        if not safe_member_name(name):
            raise check.fail(name[:200], "成员名不安全（绝对路径、.. 或非法字符）", "unsafe member name (absolute path, "
                             ".. or a forbidden character)")
        if name in by_name:
            raise check.fail(name[:200], "成员名重复", "duplicate member name")
        if info.flag_bits & 0x1:
            raise check.fail(name[:200], "成员已加密", "member is encrypted")
        total += info.file_size
        if total > max_total:
            raise check.fail("", f"解压后总大小超过上限 {max_total} 字节（可用环境变量 {BUNDLE_TOTAL_BYTES.env} 调整）",
                             f"unpacked size exceeds {max_total} bytes (set {BUNDLE_TOTAL_BYTES.env} to change)")
        if info.file_size > RATIO_FREE_BYTES and info.file_size > max_ratio * max(info.compress_size, 1):
            raise check.fail(name[:200], f"压缩比超过上限 {max_ratio}:1（疑似压缩炸弹）",
                             f"compression ratio above {max_ratio}:1 (a zip bomb?)")
        by_name[name] = info
    return by_name


def check_signature(manifest: dict[str, Any], key: ProcuratorateKey | None, check: Checker) -> tuple[bool, str | None]:
    signature = manifest.get("signature")
    if signature is None:
        return False, None
    if not isinstance(signature, dict) or not isinstance(signature.get("key_id"), str) \
            or not isinstance(signature.get("hmac"), str):
        raise check.fail(MANIFEST, "signature: 应为含 key_id 和 hmac 的对象", "signature: must have key_id and hmac")
    key_id = signature["key_id"][:64]
    if key is None or key.key_id != key_id:
        return False, key_id
    body = canonical({k: v for k, v in manifest.items() if k != "signature"})
    if not key.matches(body, signature["hmac"]):
        raise check.fail(MANIFEST, "签名与单位密钥不符：清单在导出后被改动", "the signature does not match the "
                         "procuratorate key: the manifest was altered after export")
    return True, key_id
