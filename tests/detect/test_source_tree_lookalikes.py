"""Source trees and package data are not credential stores: false positives found by scanning a real
Python site-packages (cfn-lint's schema tables, the AWS CLI's documented examples, PyCryptodome's test
vectors, doctests), each frozen as the offending line beside the true positive that looks like it. The
mechanisms: the name a value is assigned to (filter identifier_name), a setting's name as the value
(validator random_token), a hex test vector in a program's tests (filter test_vector), an example in a
reStructuredText literal block or an interactive session (filter documentation_example), a private key
without a body (validator has_key_body), and a setting whose name says it holds a hash of the secret
(filter hashed_by_name: a detect-secrets baseline's "hashed_secret")."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text

_PEM_BODY = (
    "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
    "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm\n"
    "o3qGy0t6z09AIJtH+5OeRV1be+N4cDYJKffGzDa88vQENZiRm0GRq6a+HPGQMd2k\n"
)
_RST_EXAMPLE = (
    "**To create a DB cluster**\n\n"
    "The following ``create-db-cluster`` example creates a DB cluster. Replace the sample password\n"
    "``secret99`` with a secure password. ::\n\n"
    "    aws rds create-db-cluster \\\n"
    "        --db-cluster-identifier sample-cluster \\\n"
    "        --master-username admin \\\n"
    "        --master-user-password {value} \\\n"
    "        --db-subnet-group-name default\n"
)
_RST_COMMAND = (
    "Create a Cluster with Minimal Parameters\n"
    "----------------------------------------\n\n"
    "This example creates a cluster with the minimal set of parameters.\n\n"
    "Command::\n\n"
    "   aws redshift create-cluster --master-username adminuser --master-user-password {value}\n"
)

# (file name, text that holds no credential)
NOT_FINDINGS = [
    # a resource type mapped to its schema's hash (cfn-lint's providers/*.py and JSON tables)
    ("us_east_1.py", '    "AWS::KMS::Key": "2b447c471bc70388",\n'),
    ("us_east_1.py", '    "AWS::SecretsManager::Secret": "c85175a4ebcce361",\n'),
    ("us_east_1.json", '  "AWS::ApiGateway::ApiKey": "48205d4ffd7feba3",\n'),
    # cursors, concurrency and request ids: the name says what the value is
    (
        "list-tables.rst",
        "    aws dynamodb list-tables --starting-token abCDeFGhiJKlmnOPqrSTuvwxYZ1aBCdEFghijK7LM\n",
    ),
    (
        "update-rule.rst",
        "    aws waf update-rule --rule-id a1b2 --change-token 12cs345-67cd-890b-1cd2-c3a4567d89f1\n",
    ),
    ("delete-ip-set.rst", "    aws wafv2 delete-ip-set --lock-token 46da4d5b-dd1c-4e2a-9a4b-41e7a6b3c6f1\n"),
    ("get-ip-set.rst", '    "NextLockToken": "0674c84b-0304-47fe-8728-c6bff1ec8ae1",\n'),
    ("examples-1.json", '  "ClientRequestToken": "a8ca07e4-61ec-4399-99f4-19853801bcd5",\n'),
    (
        "get-log-events.rst",
        '    "nextForwardToken": "f/31961209122447488583055879464742346735121166569214640130",\n',
    ),
    ("models.py", '        self.update_token = "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"\n'),
    ("describe.rst", '            "S3Key": "my-app/5026-stage-150723_224258.war"\n'),
    ("test_websocket.py", '    "Sec-WebSocket-Key": "k9kFAUWNAMmf5OEMfTlOEA==",\n'),
    # a setting's or a tag's name as the value
    ("constants.py", "EMRFS_SSE_KEY = 'fs.s3.enableServerSideEncryption'\n"),
    ("attributes.rst", '        "Key": "access_logs.s3.enabled",\n'),
    ("list-secrets.rst", '        "Key": "aws:secretsmanager:owningService",\n'),
    ("options.py", '    KEY = "goog:chromeOptions"\n'),
    ("Modules.py", '        reserved_key = "AWS::CloudFormation::Module"\n'),
    # test vectors of a cipher's tests (NIST SP 800-38A in PyCryptodome's SelfTest)
    ("SelfTest/Cipher/test_CBC.py", "        key =           '2b7e151628aed2a6abf7158809cf4f3c'\n"),
    ("tests/test_openpgp.py", "    key = '7ade65b460f5ea9be35f9e14aa883a2048e3824aa616c0b2'\n"),
    ("test_import_ECC.py", '        encoded = key._export_private_pem(passphrase=b"secret")\n'),
    # documentation: reST literal blocks a sentence introduces as an example, interactive sessions
    ("create-db-cluster.rst", _RST_EXAMPLE.format(value="secret99")),
    ("create-cluster.rst", _RST_COMMAND.format(value="TopSecret1")),
    (
        "get-user.rst",
        "The following example gets the user. ::\n\n    aws cognito-idp get-user \\\n"
        "        --access-token eyJra456defEXAMPLE\n",
    ),
    ("ooxml.py", "    >>> password = 'Password1234_'\n"),
    (
        "ooxml.py",
        "    >>> with open('tests/inputs/example_password.docx', 'rb') as f:\n"
        "    ...     officefile = OOXMLFile(f)\n"
        "    ...     officefile.load_key(password='Password1234_', verify_password=True)\n",
    ),
    # documentation values: AWS's EXAMPLE marker, "example" before a password word
    ("create-secret.rst", '    "password": "EXAMPLE-PASSWORD",\n'),
    ("examples-1.json", '        "KeyStorePassword": "ExamplePassword"\n'),
    ("create-user.rst", "    aws workmail create-user --name exampleName --password examplePa$$w0rd\n"),
    (
        "get-instance-access-details.rst",
        '    "privateKey": "-----BEGIN RSA PRIVATE KEY-----\\nEXAMPLEBAAKCAQEA+AD3qeU2toBy5O5v7wnRLVo/tngV'
        '\\n-----END RSA PRIVATE KEY-----\\n",\n',
    ),
    (
        "pyodbc.py",
        "The equivalent URL can be constructed using :class:`_sa.engine.URL`::\n\n"
        "    from sqlalchemy.engine import URL\n\n    connection_url = URL.create(\n"
        '        "mssql+pyodbc",\n        username="scott",\n        password="tiger-Db7",\n',
    ),
    (
        "pool.py",
        'class Pool:\n    """A pool of connections::\n\n        pool = SessionPool(\n'
        '            user="scott",\n            password="tiger-Db7",\n',
    ),
    # a message template's code field; an XPath whose "w:p/w:" reads like a "P/W:" label
    ("models.py", '    "SMSMessage": "Your username is {username} and temporary password is {####}. ",\n'),
    ("document.py", '        xpath = "./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr"\n'),
    ("METADATA", ">>> with open('f.docx', 'rb') as f:\n>>>     load_key(password=\"Passw0rd-7x\")\n"),
    # a private key named in prose, or shown with its middle cut out
    (
        "key.py",
        '    The contents of the file before the "-----BEGIN RSA PRIVATE KEY-----" and\n'
        '    "-----END RSA PRIVATE KEY-----" lines are ignored.\n',
    ),
    (
        "create-core-definition.rst",
        '    "PrivateKey": "-----BEGIN RSA PRIVATE KEY-----\\n'
        "MIIEowIABAKCAQEAqKpRgnn6yq26U3yt5YFZquyukfRjbMXDcNOK4rMCxDR...fvY4+te"
        '\\n-----END RSA PRIVATE KEY-----\\n"\n',
    ),
    # a hash of the secret, by the name it is assigned to (filter hashed_by_name): a detect-secrets
    # baseline lists the SHA-1 of each secret it found
    (".secrets.baseline", '      {\n        "hashed_secret": "513e0a36963ae1e8431c041b744679ee578b7c44",\n'),
    ("users.yaml", "  hashed_password: 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12\n"),
    (
        "settings.py",
        'API_TOKEN_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"\n',
    ),
]

# (file name, text, the credential it holds): the true positive beside each class above
FINDINGS = [
    ("settings.json", '  "kms_key": "2b447c471bc70388",\n', "2b447c471bc70388"),
    ("settings.json", '  "db_secret": "c85175a4ebcce361a9",\n', "c85175a4ebcce361a9"),
    ("deploy.sh", "aws configure set --token Xk29fLq0ZpW7vN3mRt6Y\n", "Xk29fLq0ZpW7vN3mRt6Y"),
    (
        "login.sh",
        "vault login --auth-token 12cs345-67cd-890b-1cd2-c3a4567d89f1\n",
        "12cs345-67cd-890b-1cd2-c3a4567d89f1",
    ),
    (
        "session.json",
        '  "SessionToken": "AQoDYXdzEJr1K2Xq9tPzV8bL3mN5cR7wY0hG4jD6fS8aE2uI",\n',
        "AQoDYXdzEJr1K2Xq9tPzV8bL3mN5cR7wY0hG4jD6fS8aE2uI",
    ),
    ("env.sh", 'export VAULT_CLIENT_TOKEN="s.cUOHFMlctchliTurcWviKniR"\n', "s.cUOHFMlctchliTurcWviKniR"),
    (
        "vpn.json",
        '  "GroupKey": "k9kFAUWNAMmf5OEMfTlOEA+x7QpZ2vN3mRt6Y=",\n',
        "k9kFAUWNAMmf5OEMfTlOEA+x7QpZ2vN3mRt6Y=",
    ),
    ("app.json", '  "SigningKey": "k9kFAUWNAMmf5OEMfTlOEA==x7Qp",\n', "k9kFAUWNAMmf5OEMfTlOEA==x7Qp"),
    (
        "constants.py",
        "EMRFS_SSE_KEY = 'hvs.CAESIJ1x7kq9zZ2m8wQvLr3NcT0yB'\n",
        "hvs.CAESIJ1x7kq9zZ2m8wQvLr3NcT0yB",
    ),
    ("crypto.cfg", "encryption_key = 2b7e151628aed2a6abf7158809cf4f3c\n", "2b7e151628aed2a6abf7158809cf4f3c"),
    (
        "settings.py",
        "        key =           '2b7e151628aed2a6abf7158809cf4f3c'\n",
        "2b7e151628aed2a6abf7158809cf4f3c",
    ),
    (
        "credentials",
        "[default]\naws_secret_access_key = Zq3vN8xK2mP9rT4wY7bC1dF6gH0jL5sA8eR2uI3o\n",
        "Zq3vN8xK2mP9rT4wY7bC1dF6gH0jL5sA8eR2uI3o",
    ),
    ("deploy.sh", "aws rds create-db-cluster --master-user-password Xk9#mq2v-Prod\n", "Xk9#mq2v-Prod"),
    ("backup.sh", "mysql -u root --password=Xk9#mq2v -e 'show databases'\n", "Xk9#mq2v"),
    (
        "runbook.rst",
        "Connect to the production cluster::\n\n    mysql -u root --password=Xk9#mq2v\n",
        "Xk9#mq2v",
    ),
    (
        "create-cluster.rst",
        _RST_COMMAND.replace("This example creates", "Create").format(value="Xk9#mq2v-Prod"),
        "Xk9#mq2v-Prod",
    ),
    ("config.py", "password = 'Password1234_'\n", "Password1234_"),
    (
        ".secrets.baseline",
        '  "client_secret": "513e0a36963ae1e8431c041b744679ee578b7c44",\n',
        "513e0a36963ae1e8431c041b744679ee578b7c44",
    ),
    (
        "settings.py",
        'HASH_SECRET_KEY = "9f86d081884c7d659a2feaa0c55ad015"\n',
        "9f86d081884c7d659a2feaa0c55ad015",
    ),
    ("create-secret.json", '    "password": "Xk9#mQ2p-Example7",\n', "Xk9#mQ2p-Example7"),
    ("users.csv.txt", "Password: Example!Summit-2024\n", "Example!Summit-2024"),
    (
        "db.py",
        'class Db:\n    """The database."""\n\n    def connect(self):\n        return connect(\n'
        '            user="app",\n            password="tiger-Db7",\n',
        "tiger-Db7",
    ),
    ("export.py", 'encoded = key.export_key(passphrase=b"Xk9#mQ2p-Key")\n', "Xk9#mQ2p-Key"),
    ("welcome.txt", "Your username is jdoe and temporary password is Xk9#mQ2p.\n", "Xk9#mQ2p"),
    ("notes.txt", "NAS P/W: Xk9#mQ2p-7\n", "Xk9#mQ2p-7"),
    ("deploy.key", f"-----BEGIN RSA PRIVATE KEY-----\n{_PEM_BODY}-----END RSA PRIVATE KEY-----\n", ""),
    (
        "test_pkcs1.py",
        f'rsakey = """-----BEGIN RSA PRIVATE KEY-----\n{_PEM_BODY}-----END RSA PRIVATE KEY-----"""\n',
        "",
    ),
]


@pytest.mark.parametrize(("name", "body"), NOT_FINDINGS)
def test_source_tree_look_alike_stays_quiet(engine: DetectionEngine, name: str, body: str) -> None:
    assert secrets(text(engine, body, name)) == set()


@pytest.mark.parametrize(("name", "body", "secret"), FINDINGS)
def test_the_credential_beside_it_is_found(
    engine: DetectionEngine, name: str, body: str, secret: str
) -> None:
    found = secrets(text(engine, body, name))
    if secret:
        assert secret in found
    else:  # a private key: the whole block is the secret
        assert any("PRIVATE KEY" in s for s in found)
