"""Detection that knows what it reads: every false positive found on real content (the Python
standard library, /usr/share/doc, vendor docs) frozen as the offending line, beside the true positive that
looks like it. The lines are quoted from the real files; the file names give the syntax (code, shell,
config, markup, prose)."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.syntax import is_test_code, syntax_of
from tests.support.detect_helpers import secrets, text

# (file name, line that holds no credential)
NOT_FINDINGS = [
    # code: identifiers, calls, attribute/subscript access, expressions, annotations (stdlib, pip, git)
    ("request.py", "        username, password = self._get_new_credentials(url)\n"),
    ("request.py", "        user, passwd = _splituser(user)\n        passwd = unquote(passwd or '')\n"),
    ("register.py", "            self.password = config['password']\n"),
    ("libsecret.c", "\t\tc->password = g_strdup(s);\n"),
    ("test_ssl.py", "            ctx.load_cert_chain(CERTFILE_PROTECTED, password=b'a' * 102400)\n"),
    ("test_ssl.py", "        ctx.load_cert_chain(CERTFILE_PROTECTED, password=KEY_PASSWORD)\n"),
    ("cgi.py", "    pwd = os.getcwd()\n"),
    ("misc.py", "    pw: Optional[str] = None\n"),
    ("Login.kt", "    val password: String? = null\n"),
    ("prompt.py", "        password: bool = False,\n"),
    ("request.py", "    user_pass = '%s:%s' % (unquote(user), unquote(password))\n"),
    ("prompt.py", '    print(f"password={password!r}")\n'),
    ("test_urllib2.py", '        user, password = "wile", "coyote"\n'),
    ("msvc9compiler.py", '    toolskey = "VS%0.f0COMNTOOLS" % version\n'),
    ("test_smtplib.py", "        *_, user, password = logpass.split('\\0')\n"),
    # docstrings, decorators, messages and statements in code
    ("getpass.py", '"""Utilities to get a password and/or the current user name.\n'),
    ("misc.py", '    """Ask for a password interactively."""\n'),
    ("test_shutil.py", '    @unittest.skipUnless(UID_GID_SUPPORT, "Requires grp and pwd support")\n'),
    ("test_type_comments.py", "        pass # type: ignore[excuse]\n"),
    ("ssl_.py", '        raise SSLError("Client private key is encrypted, password is required")\n'),
    ("test_zipfile.py", "    assert (root / 'foo.txt').read_text(encoding=\"utf-8\") == 'foo'\n"),
    (
        "core.py",
        "    - ``parse_all`` - (default= ``True``) - flag to pass to :class:`parse_string` when running\n",
    ),
    # program tests: weak literals feed a parser or a mock server
    ("lib/test/test_zipfile.py", '        self.zip.open("test.txt", pwd="python")\n'),
    ("lib/test/test_netrc.py", "        machine host.domain.com login log1 password pass1 account acct1\n"),
    # tables written as text inside code (dict literals, docstring tables)
    (
        "socks.py",
        '        "username": username,\n        "password":  password,\n        "rdns":      rdns,\n',
    ),
    (
        "poplib.py",
        "    PASS string\t\tpass_(string)\n    STAT\t\t\tstat()\n    LIST [msg]\t\tlist(msg = None)\n",
    ),
    # shell: variables, splatting, command substitution
    ("connect.ps1", "$cred = @{ UserName = $UserName; Password = $Password }\n"),
    ("deploy.sh", "export DB_PASSWORD=$SFTP_PASS\n"),
    ("upload.ps1", "Invoke-Upload -Server $srv -Password $env:SFTP_PASSWORD\n"),
    # config: placeholders, encrypted values, Key Vault and credscan's own references
    ("secrets.yaml", "password: ENC[AES256_GCM,data:Tr7o3p1w,iv:1,tag:2,type:str]\n"),
    ("application.properties", "spring.datasource.password=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)\n"),
    (
        "appsettings.json",
        '  "DbPassword": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)",\n',
    ),
    ("agent.toml", '# smb_password = "env:CREDSCAN_SMB_PASSWORD"\n'),
    ("agent.toml", 'smb_password = "keyring:credscan/smb"\n'),
    ("app.ini", "password = %(db_pw)s\n"),
    ("settings.txt", "password={password}\n"),
    # markup: entities and tags decoded before prose rules, namespaces are no labels
    ("news.html", "<li>Don't pass first &lt;xsl:sort&gt; in &lt;xsl:apply-templates&gt; twice<br />\n"),
    ("nettle.html", "  printf(&quot;Password is correct.&quot;);\n"),
    ("tls.html", "<code>{pem: &#x3C;string|buffer>[, passphrase: &#x3C;string>]}</code>. The object\n"),
    (
        "ticket.xml",
        '<psf:Feature name="psk:PageOrientation"><psf:Option name="psk:Portrait"/></psf:Feature>\n',
    ),
    ("web.config", '<configuration>\n  <add key="webpages:Version" value="3.0.0.0" />\n</configuration>\n'),
    ("faq.html", '<a href="http://www.mail-archive.com/bug-make@gnu.org/msg01658.html">this</a>.\n'),
    # prose: verbs, formatting, examples, policies
    ("addons.md", "* Pass the `v8::External` to all methods exposed to JavaScript by passing it\n"),
    (
        "CHANGELOG.md",
        "* **src**: do not pass code to ScriptCompiler::CreateCodeCacheForFunction (Michaël Zasso)\n",
    ),
    ("CHANGELOG.md", "* Make many tests pass on Windows (Bert Belder)\n"),
    ("CHANGELOG.md", "* **async\\_wrap**: allow user to pass execution\\_async\\_id (Trevor Norris)\n"),
    (
        "CHANGELOG.md",
        "* Fix regression where passing an empty password and/or salt to crypto.pbkdf2() failed\n",
    ),
    ("TODO", "* Add API to get and pass on TypeLink*, to not allocate bidi levels.\n"),
    ("README.md", "The password is *required* for every connection.\n"),
    ("README.md", "**Password columns** are masked in the report.\n"),
    ("android.md", "    val password: String? = null\n"),
    ("preferences", "Package: *\nPin: release a=stable\nPin-Priority: 900\n"),
    ("url.md", "const myURL = new URL('https://a:b@測試?abc#foo');\n"),
    ("url.md", '" https: // user : pass @ sub.example.com : 8080 /p/a/t/h ? query=string #hash "\n'),
    ("ftplib.py", ">>> ftp.login() # default, i.e.: user anonymous, passwd anonymous@\n"),
    ("2.37.0.txt", " (merge 72315e431b sa/t1011-use-helpers later to maint).\n"),
    ("samba-schema.ldif", "## Password hashes##\n"),
    ("Setup.bootstrap", "pwd pwdmodule.c\n"),
    ("cfgparser.2", ";*passwd:*all*authentication*tokens*updated*successfully*\n"),
    ("nntp.txt", "authinfo user Name|pass Password|generic <prog> <args>\n"),
    (
        "authentication.md",
        "As an example, for a user with username `user` and password `he//o` accessing a\n"
        "repository at `pypi.company.com/simple`, the URL with credentials would look\nlike:\n\n```\n"
        "https://user:he%2F%2Fo@pypi.company.com/simple\n```\n",
    ),
    # all of /usr/share: registry keys, versions, globs, compounds, keywords, pipelines, script variables
    (
        "samba.admx",
        '<text id="TXT_3ADB0A83" key="Software\\Policies\\Samba\\smb_conf\\ldapsam:editposix" />\n',
    ),
    ("installed-cpp.txt", "apt passwd 1:4.13+dfsg1-1+deb12u1\n"),
    ("CoreList.pm", "    'Test2::Event::Pass'                    => '1.302103',\n"),
    ("mvn", '__mvncomp "username= message= passphrase= password= scmVersion="\n'),
    ("passwd", "passwd: elevated-privileges 4755 root/root [usr/bin/chfn]\n"),
    ("common-password", "# /etc/pam.d/common-password - password-related modules common to all services\n"),
    ("globs2", "50:application/vnd.apple.pkpass:*.pkpass\n"),
    ("generic-icons", "application/x-pw:x-office-document\n"),
    ("rust.vim", "    let pwd = a:dict.istemp ? a:dict.tmpdir : ''\n"),
    ("CPackIFW.cmake", "    set(_IFW_ARGS URL USERNAME PASSWORD DISPLAY_NAME)\n"),
    ("020_create_sql_remove.t", "my @pw = getpwnam 'nobody';\n"),
    ("Html.pm", '    chdir($pwd) || die "$0: error changing to directory $pwd: $!\\n";\n'),
    ("http-2.9.8.tm", "# Note that the RE actually combines the user and password parts, as\n"),
    ("_curl", "  {-u,--user}'[Server user and password]':'<user\\:password>' \\\n"),
    ("setpriv", "\tUIDS=$(getent passwd | awk -F: '{print $1}')\n"),
    ("options.txt", '\tfor VMS: "sys$login:vimfiles/view")\n'),
    ("FTP.pm", "    $pass = '-anonymous@'\n"),
    ("Event.pm", '    my $out = $as->{pass} ? "PASS" : "FAIL";\n'),
    ("RELEASE_NOTES", "  `Instance Password:` to `New Password:`, since `set-password` command\n"),
    ("help.es.txt", "Por favor introduzca la contraseña: una frase secreta\n"),
    ("summary.txt", "React-Native Component For Password Show/Hide\n"),
    ("summary.txt", "Apache htpasswd password generator/validator\n"),
    ("policy.txt", "Necesita autenticarse para considerar que una clave de firma de software es confiable\n"),
    ("pi_netrw.txt", "\tuser userid password=[g:netrw_ftpmode]\n"),
    ("iso_3166-2.json", '    {\n      "code": "IE-WW",\n      "name": "Wicklow",\n      "parent": "L",\n'),
    # a C type named in a build script's string (CMake's CheckPrototypeDefinition) or a README
    ("CheckPrototype.cmake", '  "struct passwd *getpwent_r(struct passwd *src, char *buf, int len)"\n'),
    ("README", "The lookup returns a struct passwd *result (NULL when the user is unknown).\n"),
    # a name made from its label's own word (scipy's filter modes, an enum, an LDAP attribute's identifier)
    ("_filter_design.py", "band_dict = {'band': 'bandpass',\n             'bandpass': 'bandpass',\n"),
    ("_filter_design.py", "             'lowpass': 'lowpass',\n"),
    ("utils.py", 'NOPASSWORD = "no-password-required"\n'),
    ("api_adapter.py", "  SET_PASSWORD = 'SetPassword'\n"),
    ("_tls_struct.py", '    DistinguishedNameType.user_password: "id-at-userPassword",\n'),
    # npm's own tree: a dependency whose name ends in "pass" and its version range; a program asking for one
    ("package.json", '  "dependencies": {\n    "minipass": "^7.0.4",\n    "fs-minipass": "^3.0.0"\n  }\n'),
    ("Gemfile.lock.yml", "bypass_pass: ~> 3.1\nlowpass: 2.4.*\n"),
    ("opts.js", "  GIT_ASKPASS: 'echo',\n  SSH_ASKPASS: '/usr/bin/ssh-askpass',\n"),
]

NOT_FINDINGS += [
    # test logs (binutils' test-summary.gz, Automake's test-suite.log): result markers, not password labels
    ("test-summary", "Running binutils-all/ar.exp ...\nPASS: ar thin archive\nPASS: ar symbol table\n"),
    ("test-summary", "PASS: addr2line\nPASS: addr2line -f option\nFAIL: objcopy --only-keep-debug\n"),
    ("test-suite.log", "PASS: t/basic.sh\nXFAIL: t/known-bug.sh\nSKIP: t/needs-root.sh\n"),
]

# (file name, line, the credential it holds): the true positive beside each class above
FINDINGS = [
    ("request.py", 'password = "Winter2024!"\n', "Winter2024!"),
    ("client.py", 'conn = connect(host, password="Sup3r!Secret")\n', "Sup3r!Secret"),
    ("settings.py", "DATABASES = {'default': {'USER': 'app', 'PASSWORD': 'Adm1n!2024'}}\n", "Adm1n!2024"),
    ("notify.py", 'print("Password: Xk9#mQ2p")\n', "Xk9#mQ2p"),
    ("Main.java", 'String pw = "Pr0d-Db#2024";\n', "Pr0d-Db#2024"),
    ("lib/test/test_config.py", "    password = 'yh^%#rest-of-my-password'\n", "yh^%#rest-of-my-password"),
    ("deploy.ps1", '$pass = "Winter2024!"\n', "Winter2024!"),
    ("deploy.ps1", "New-LocalUser -Name svc -Password Winter2024!\n", "Winter2024!"),
    ("deploy.sh", "export DB_PASSWORD=Winter2024!\n", "Winter2024!"),
    ("secrets.yaml", "password: Tr7o3p1w-Prod\n", "Tr7o3p1w-Prod"),
    ("agent.toml", 'smb_password = "Sh4re!Pass"\n', "Sh4re!Pass"),
    ("notes.html", "<p>PW: Xk9#mQ2p</p>\n", "Xk9#mQ2p"),
    ("notes.html", "<td>Passwort:</td><td>Fu&amp;ball-2024</td>\n", "Fu&ball-2024"),
    ("notes.md", "**Passwort:** `Xk9#mQ2p`\n", "Xk9#mQ2p"),
    ("notes.txt", "WLAN pass: Sonne-2024!\n", "Sonne-2024!"),
    ("notes.txt", "PW:Sommer2024\n", "Sommer2024"),
    ("notes.txt", "Door code: 4711\n", "4711"),
    ("notes.txt", "ftp://admin:Secr3t!x@10.0.0.5/\n", "Secr3t!x"),
    ("notes.txt", "Office 365 admin - admin@contoso.com / Harbour2024!\n", "Harbour2024!"),
    ("notes.txt", "Router admin / Xk9#mQ2p-7\n", "Xk9#mQ2p-7"),
    ("notes.txt", "Passwort: sommer-wiese\n", "sommer-wiese"),
    ("web.config", '<add key="SmtpPassword" value="Sm7p!Relay-2024" />\n', "Sm7p!Relay-2024"),
    ("notes.txt", "Version 4.13, Passwort: Haus/Maus-7\n", "Haus/Maus-7"),
    ("passwords.txt", "Contraseña: Sol-Playa-2024\n", "Sol-Playa-2024"),
    ("ftp.pm", "    $pass = 'Ftp!Upl0ad-77'\n", "Ftp!Upl0ad-77"),
    ("backup.cmd", "set BACKUP_PASSWORD=Bkp#2024-x\n", "Bkp#2024-x"),
    ("deploy.sh", 'echo "instruct passwd Kx9#mq2v-Tr to the vendor"\n', "Kx9#mq2v-Tr"),
    ("notes.txt", "struct. passwd: Kx9#mq2v-Tr\n", "Kx9#mq2v-Tr"),
    ("settings.py", 'DB_PASSWORD = "Password1"\n', "Password1"),
    ("config.json", '  "db_pass": "^Sommer2024!",\n', "^Sommer2024!"),
    ("app.env", "SMTP_PASS=7.0.4-Relay!x\n", "7.0.4-Relay!x"),
    ("notes.txt", "WLAN pass: Passierschein-A38\n", "Passierschein-A38"),
    ("notes.txt", "Kennwort: Kennwort-Sommer24\n", "Kennwort-Sommer24"),
    # beside the test logs: a note's "pass:" label, also upper case when no test result is next to it
    ("notes.txt", "Router\npass: Winter2024!\nuser: admin\n", "Winter2024!"),
    ("notes.txt", "WLAN Gast\nPASS: Winter2024!\n", "Winter2024!"),
]


@pytest.mark.parametrize(("name", "body"), NOT_FINDINGS)
def test_real_content_false_positive_stays_quiet(engine: DetectionEngine, name: str, body: str) -> None:
    assert secrets(text(engine, body, name)) == set()


@pytest.mark.parametrize(("name", "body", "secret"), FINDINGS)
def test_the_look_alike_credential_is_still_found(
    engine: DetectionEngine, name: str, body: str, secret: str
) -> None:
    assert secret in secrets(text(engine, body, name))


def test_markup_lines_keep_their_numbers(engine: DetectionEngine) -> None:
    """Tags spanning lines and decoded references do not move a finding off its line."""
    body = '<div\n  class="x">intro</div>\n<p>&lt;b&gt;</p>\n<p>PW: Xk9#mQ2p</p>\n'
    [found] = text(engine, body, "page.html")
    assert found.location == {"line": 4}


@pytest.mark.parametrize(
    ("name", "kind", "head", "syntax"),
    [
        ("client.py", "text", b"", "code"),
        ("deploy.ps1", "text", b"", "shell"),
        ("backup", "text", b"#!/bin/bash\nset -e\n", "shell"),
        ("tool", "text", b"#!/usr/bin/env python3\n", "code"),
        ("web.config", "text", b"", "markup"),
        ("export", "text", b'<?xml version="1.0"?>\n<KeePassFile>', "markup"),
        ("settings.yaml", "text", b"", "config"),
        ("notes.txt", "text", b"Password: x\n", "prose"),
        ("Passwords.xlsx", "xlsx", b"", "prose"),
    ],
)
def test_syntax_by_name_then_content(name: str, kind: str, head: bytes, syntax: str) -> None:
    assert syntax_of(name, kind, head) == syntax


def test_test_code_is_a_program_test_never_a_script() -> None:
    assert is_test_code("Lib/test/test_netrc.py", "code")
    assert is_test_code("src/auth/login.spec.ts", "code")
    assert not is_test_code("src/auth/login.py", "code")
    assert not is_test_code("IT/test/deploy.ps1", "shell")
