"""The procuratorate key: one secret an administrator makes once and installs on every workstation.

It signs exchange bundles (so a team lead can tell a colleague's bundle from a forged one) and seals the audit
chain with an HMAC (so a copy of the database alone cannot be re-chained after an edit). It lives in the
per-user configuration folder, never in the database: whoever holds only the database file cannot forge either.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.i18n import tr
from desktop_app.paths import config_dir
from desktop_app.services.errors import ServiceError

KEY_FORMAT = "casecheck.key/1"
KEY_BYTES = 32
MAX_KEY_FILE = 64 * 1024


@dataclass(frozen=True)
class ProcuratorateKey:
    key_id: str
    secret: bytes = b""
    label: str = ""

    def mac(self, message: str) -> str:
        return hmac.new(self.secret, message.encode("utf-8"), hashlib.sha256).hexdigest()

    def matches(self, message: str, mac: str | None) -> bool:
        return isinstance(mac, str) and hmac.compare_digest(self.mac(message), mac)


def key_id_of(secret: bytes) -> str:
    """A public fingerprint of the key: bundles and audit entries name it without revealing the key."""
    return hashlib.sha256(b"casecheck.key-id/1\0" + secret).hexdigest()[:16]


def installed_key_file() -> Path:
    return config_dir() / "procuratorate.key"


def _serialise(key: ProcuratorateKey) -> str:
    return json.dumps({"format": KEY_FORMAT, "key_id": key.key_id, "label": key.label,
                       "created_at": dt.datetime.now().isoformat(timespec="seconds"),
                       "key": base64.b64encode(key.secret).decode("ascii")}, ensure_ascii=False, indent=2) + "\n"


def parse_key_file(path: Path) -> ProcuratorateKey:
    """Read and check a key file; a broken one is bad input naming the file and the field."""
    def bad(field: str, zh: str, en: str) -> ServiceError:
        return ServiceError(f"{path}: {field}: " + tr(zh, en))

    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise bad("(file)", "文件过大，不是密钥文件", "too large for a key file")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise bad("(file)", f"不是有效的密钥文件（{str(exc)[:200]}）", f"not a key file ({str(exc)[:200]})") from None
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
        raise bad("format", f"应为 {KEY_FORMAT}", f"must be {KEY_FORMAT}")
    try:
        secret = base64.b64decode(str(data.get("key", "")), validate=True)
    except (binascii.Error, ValueError):
        raise bad("key", "不是有效的 base64 编码", "not valid base64") from None
    if len(secret) != KEY_BYTES:
        raise bad("key", f"密钥长度应为 {KEY_BYTES} 字节", f"the key must be {KEY_BYTES} bytes")
    if data.get("key_id") != key_id_of(secret):
        raise bad("key_id", "与密钥不符（文件已损坏或被改动）", "does not match the key (damaged or altered)")
    label = data.get("label", "")
    return ProcuratorateKey(key_id_of(secret), secret, label if isinstance(label, str) else "")


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, replacing nothing that exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise ServiceError(f"{path}: " + tr("文件已存在，不会覆盖", "exists already; it is not overwritten"))


def create_key_file(out: Path, label: str = "") -> ProcuratorateKey:
    """`keys init`: a fresh random key in a new file, for the administrator to distribute."""
    _refuse_existing(out)
    secret = secrets.token_bytes(KEY_BYTES)
    key = ProcuratorateKey(key_id_of(secret), secret, label)
    _write_private(out, _serialise(key))
    return key


_cache: dict[str, tuple[tuple[int, int], ProcuratorateKey]] = {}


def installed_key() -> ProcuratorateKey | None:
    """The key installed on this workstation (for this user), or None. Re-read when the file changes."""
    path = installed_key_file()
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    key = parse_key_file(path)
    _cache[str(path)] = (stamp, key)
    return key


def install_key(source: Path) -> tuple[ProcuratorateKey, bool]:
    """`keys import`: copy a key file into the configuration folder. Returns the key and whether it was new.

    Installing a different key over an existing one is refused: entries and bundles sealed under the old key could
    no longer be checked here.
    """
    key = parse_key_file(source)
    current = installed_key()
    if current is not None:
        if current.key_id == key.key_id:
            return current, False
        raise ServiceError(tr(f"本机已安装另一把单位密钥（{current.key_id}），不能替换为 {key.key_id}",
                              f"another procuratorate key ({current.key_id}) is installed; refusing {key.key_id}"))
    _write_private(installed_key_file(), _serialise(key))
    return key, True


def export_key(out: Path) -> ProcuratorateKey:
    """`keys export`: copy the installed key to a file, e.g. to carry it to a new workstation."""
    key = installed_key()
    if key is None:
        raise ServiceError(tr("本机尚未安装单位密钥（casecheck keys import 文件）",
                              "no procuratorate key is installed (casecheck keys import FILE)"))
    _refuse_existing(out)
    _write_private(out, _serialise(key))
    return key
