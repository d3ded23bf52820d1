"""Password labels, headers and prose beyond the European languages (Korean, Japanese, Chinese, Russian,
Ukrainian, Greek, Turkish, Arabic, Hebrew), also when a Word or RTF document splits them across runs.

Each true case stands beside a look-alike that must stay quiet (a policy, a masked value, a word that only
contains the label). Costs about a second (the DOCX/RTF fixtures are built in memory)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.model import TextBlock
from tests.support.detect_helpers import secrets, table, text
from tests.support.docbuilders import extract_file

LABELS = [
    ("비밀번호: Kor#2024pw", "Kor#2024pw"),
    ("관리자 비밀번호는 Kor#Adm24입니다.", "Kor#Adm24"),
    ("패스워드 : Kor#Pass24", "Kor#Pass24"),
    ("암호: Kor#Amho24", "Kor#Amho24"),
    ("パスワード：Jap#2024pw", "Jap#2024pw"),
    ("初期パスワードは「Jp#Init2024」です。", "Jp#Init2024"),
    ("密码：Chn#2024pw", "Chn#2024pw"),
    ("服务器的管理员密码是 Chn#Prose24，请妥善保管。", "Chn#Prose24"),
    ("密碼: Tw#2024pass", "Tw#2024pass"),
    ("口令：Kou#Ling24", "Kou#Ling24"),
    ("Пароль: Rus#2024pw", "Rus#2024pw"),
    ("Пароль администратора: Rus#Adm24, логин admin", "Rus#Adm24"),
    ("пароль — Ukr#2024pw", "Ukr#2024pw"),
    ("Κωδικός: Gre#2024pw", "Gre#2024pw"),
    ("ΚΩΔΙΚΟΣ: Gre#Caps24", "Gre#Caps24"),
    ("Şifre: Tur#2024pw", "Tur#2024pw"),
    ("Wi-Fi şifresi: Tur#Wifi24", "Tur#Wifi24"),
    ("parola: Tur#2024pw2", "Tur#2024pw2"),
    ("كلمة المرور: Ara#2024pw", "Ara#2024pw"),
    ("סיסמה: Heb#2024pw", "Heb#2024pw"),
    ("הסיסמה: Heb#Art24", "Heb#Art24"),
]

LOOK_ALIKES = [
    "密码：请联系管理员",
    "パスワードは8文字以上にしてください。",
    "비밀번호: ********",
    "密码强度：高",
    "Пароль: не менее 12 символов",
    "암호화: AES-256",
    "Şifre: ****",
]


@pytest.mark.parametrize(("line", "password"), LABELS)
def test_label_in_each_language(engine: DetectionEngine, line: str, password: str) -> None:
    assert password in secrets(text(engine, line + "\n"))


@pytest.mark.parametrize("line", LOOK_ALIKES)
def test_look_alikes_stay_quiet(engine: DetectionEngine, line: str) -> None:
    assert secrets(text(engine, line + "\n")) == set()


@pytest.mark.parametrize(
    ("header", "user"),
    [
        (["서버", "아이디", "비밀번호"], "admin"),
        (["サーバー", "ユーザー名", "パスワード"], "admin"),
        (["服务器", "用户名", "密码"], "admin"),
        (["Сервер", "Логин", "Пароль"], "admin"),
        (["Διακομιστής", "Χρήστης", "Κωδικός"], "admin"),
        (["Sunucu", "Kullanıcı adı", "Şifre"], "admin"),
        (["שרת", "שם משתמש", "סיסמה"], "admin"),
        (["الخادم", "اسم المستخدم", "كلمة المرور"], "admin"),
        (["服务器", "账号", "管理员密码"], "admin"),
    ],
)
def test_password_column_headers(engine: DetectionEngine, header: list[str], user: str) -> None:
    found = table(engine, [header, ["NAS", user, "Nas#Col2024"], ["FW", user, "Fw#Col2024"]])
    assert secrets(found) == {"Nas#Col2024", "Fw#Col2024"}
    assert all(c.account and user in c.account for c in found)


def _scan_units(engine: DetectionEngine, path: Path) -> set[str]:
    kind, units = extract_file(path)
    info = FileInfo(path=str(path), name=path.name, kind=kind, head=path.read_bytes()[:64], size=0)
    found: set[str] = set()
    for unit in units:
        found |= secrets(engine.detect_unit(info, unit))  # type: ignore[arg-type]
    return found


def test_docx_label_and_value_split_across_runs(engine: DetectionEngine, tmp_path: Path) -> None:
    """Word splits a paragraph into runs at every formatting or spell-check change: "비밀" + "번호: Kor#"
    + "Split24" (bold, italic) must still read as one text."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("비밀")
    paragraph.add_run("번호: Kor#").bold = True
    paragraph.add_run("Split24").italic = True
    paragraph = document.add_paragraph()
    paragraph.add_run("パス")
    paragraph.add_run("ワード：Jp#")
    paragraph.add_run("Runs2024").bold = True
    paragraph = document.add_paragraph()
    paragraph.add_run("Пар").bold = True
    paragraph.add_run("оль: Ru#Ru")
    paragraph.add_run("ns2024")
    document.add_paragraph("密码强度：高")
    path = tmp_path / "handover.docx"
    document.save(str(path))
    assert _scan_units(engine, path) == {"Kor#Split24", "Jp#Runs2024", "Ru#Runs2024"}


def _rtf_unicode(text: str) -> str:
    """RTF's \\uN? escape for every non-ASCII character (N signed 16-bit, as Word writes it)."""
    out = []
    for char in text:
        code = ord(char)
        if code < 128:
            out.append(char)
        else:
            out.append(f"\\u{code - 65536 if code > 32767 else code}?")
    return "".join(out)


def test_rtf_label_split_across_groups(engine: DetectionEngine, tmp_path: Path) -> None:
    """RTF as WordPad and Word save it: \\uN? escapes, and formatting groups in the middle of a word."""
    body = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n"
        "\\pard {\\b " + _rtf_unicode("비밀") + "}" + _rtf_unicode("번호") + ": Kor{\\i #Rtf}24\\par\n"
        "\\pard "
        + _rtf_unicode("密")
        + "{\\b "
        + _rtf_unicode("码")
        + "}"
        + _rtf_unicode("：")
        + "Chn#Rtf24\\par\n"
        "\\pard {\\ul " + _rtf_unicode("Κωδικός") + "}: Gre{\\b #}Rtf24\\par\n"
        "\\pard " + _rtf_unicode("密码强度：高") + "\\par\n}"
    )
    path = tmp_path / "notes.rtf"
    path.write_text(body, encoding="ascii")
    assert _scan_units(engine, path) == {"Kor#Rtf24", "Chn#Rtf24", "Gre#Rtf24"}


def test_cjk_value_stops_where_the_script_resumes(engine: DetectionEngine) -> None:
    info = FileInfo(path="n.txt", name="n.txt", kind="text", head=b"", size=0)
    found = engine.detect_unit(info, TextBlock(text="비밀번호는 Kor#2024pw입니다. 密码是Chn#2024pw。\n"))
    assert secrets(found) == {"Kor#2024pw", "Chn#2024pw"}
