"""Secrets as they arrive in chats beyond English prose: password cues in other languages, keys of config files,
.env lines and JSON, vendor key formats, Authorization headers, connection strings and command lines; with the
look-alikes that must stay unflagged (placeholders, references to a secret kept elsewhere, descriptions)."""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest

from anonymizer.detect.recognizers import PasswordRecognizer

RECOGNIZER = PasswordRecognizer()


def found(text: str) -> list[str]:
    results = RECOGNIZER.analyze(text, ["PASSWORD"], None)
    return sorted({text[r.start : r.end] for r in results})


SECRETS = [
    # Other languages.
    ("Hallo, mein Passwort ist Sommer2023! und es geht nicht", ["Sommer2023!"]),
    ("oi, minha senha é Praia2020 e o app diz senha inválida", ["Praia2020"]),
    ("chào bạn, mật khẩu của tôi là HoaSen@99 nhưng không vào được", ["HoaSen@99"]),
    ("mat khau la matkhau123", ["matkhau123"]),
    ("mi contraseña es Girasol#45 pero no me deja entrar", ["Girasol#45"]),
    ("la contraseña de mi cuenta es Luna_2020", ["Luna_2020"]),
    ("cześć, moje hasło to Kotek_2019 i nie mogę się zalogować", ["Kotek_2019"]),
    ("bonjour, mon mot de passe est Soleil!88 mais il ne marche plus", ["Soleil!88"]),
    ("mdp: Chat2021!", ["Chat2021!"]),
    ("la password è Roma2019", ["Roma2019"]),
    ("pass là abc12345", ["abc12345"]),
    ("mã OTP là 482913", ["482913"]),
    ("el código de verificación es 559302", ["559302"]),
    ("o código é 771204", ["771204"]),
    ("kod SMS to 120394", ["120394"]),
    ("der Bestätigungscode lautet 884120", ["884120"]),
    # Config files, .env lines, JSON.
    ("DB_PASSWORD=s3cr3t-Pa55!", ["s3cr3t-Pa55!"]),
    ("passwd=hunter22", ["hunter22"]),
    ('{"user": "tkaur", "pass": "Mango!Tree7", "remember_me": true}', ["Mango!Tree7"]),
    ('api_key = "AKIAIOSFODNN7EXAMPLEKEY"', ["AKIAIOSFODNN7EXAMPLEKEY"]),
    ('"access_token": "ya29.a0AfH6SMBx"', ["ya29.a0AfH6SMBx"]),
    ('dbPassword = "Secr3t"', ["Secr3t"]),
    ("spring.datasource.password=Tomcat!88", ["Tomcat!88"]),
    ("  client_secret: 9f8e7d6c5b4a3f2e", ["9f8e7d6c5b4a3f2e"]),
    ("x-api-key: 5d41402abc4b2a76b9719d911017c592", ["5d41402abc4b2a76b9719d911017c592"]),
    # Vendor formats anywhere.
    ("here: sk_live_51HxQ2vKb8Tz9LmNpQrStUv", ["sk_live_51HxQ2vKb8Tz9LmNpQrStUv"]),
    ("ghp_16C7e42F292c6912E7710c838347Ae178B4a leaked?", ["ghp_16C7e42F292c6912E7710c838347Ae178B4a"]),
    ("xoxb-1234567890-abcdefghij in my bot", ["xoxb-1234567890-abcdefghij"]),
    # Headers, connection strings, command lines.
    (
        'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dQw4w9WgXcQabc123" https://x.io',
        ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dQw4w9WgXcQabc123"],
    ),
    ("Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==", ["dXNlcjpwYXNzd29yZDEyMw=="]),
    ("postgres://reporting:Xq7!fLm2@db.internal.acme.io:5432/sales", ["Xq7!fLm2"]),
    ("mysql -u root -pTr0ub4dor -h 127.0.0.1", ["Tr0ub4dor"]),
    ("./deploy.sh --token=f00dbabe1234 --env prod", ["f00dbabe1234"]),
    # Codes in groups, values in parentheses.
    ("also my recovery code is K7DP-22QX-91ML", ["K7DP-22QX-91ML"]),
    ("yes gate code #4417", ["4417"]),
    ("the temporary password they gave me (Welcome2024!) already expired", ["Welcome2024!"]),
    ("Use code 482913 to sign in", ["482913"]),
    ("I got an error so here is the code they texted: 771204", ["771204"]),
    ("the alarm code is 1357 and the wifi is Linksys-2G password sunflower88", ["1357", "sunflower88"]),
    # Symbols where a value starts or ends.
    ("password: 3(37Imw)", ["3(37Imw)"]),
    ("my password is ((AJ1VZnS2", ["((AJ1VZnS2"]),
    ("login details are user jdoe / cB4T4X7vN(Q", ["cB4T4X7vN(Q"]),
    # Read out in number words.
    ("my pin is four four one seven", ["four four one seven"]),
    ("the gate code is one nine eight four", ["one nine eight four"]),
    # Security answers about the customer's mother.
    ("my mom's maiden name was Okafor", ["Okafor"]),
    ("el apellido de soltera de mi madre es García", ["García"]),
    ("mi primera mascota se llamaba Toby", ["Toby"]),
    ("mein erstes Haustier hieß Bello", ["Bello"]),
    ("o nome de solteira da minha mãe é Silva", ["Silva"]),
]

NOT_SECRETS = [
    "mi contraseña es incorrecta",
    "Passwort ist falsch",
    "hasło jest nieprawidłowe",
    "mon mot de passe est expiré depuis hier",
    "le code postal est 75001",
    "code promo SUMMER2024 ne marche pas",
    "password: ${DB_PASSWORD}",
    'password = os.environ["DB_PASSWORD"]',
    "export GITHUB_TOKEN=$MY_TOKEN",
    "api_key: <your-api-key>",
    'api_key = "your_api_key_here"',
    'password: "********"',
    "password: null",
    "postgres://user:password@localhost:5432/db",
    "bypass: true",
    "max_tokens: 512",
    "the token: expired yesterday",
    "we use a bearer token for auth",
    "Her maiden name is Sandgreen",
    "STRIPE_SECRET_KEY is set in the dashboard",
    "085 175 7641-Office, 3660170548-Fax",
    "mysql -u root -p mydb",
    "change your password (recommended) now",
    "https://example.com/reset?token=gRr5y6G_DXpckBb4iB4k4behGRn4zJ4C",
    "the code is SAVE-20",
    "i need one code for two devices four times",
    "el apellido de soltera es obligatorio",
    "Mädchenname ist falsch",
    "pin one two three",
    "use code WELCOME10 at checkout for 10% off",
    "apply code SPRING25 to your cart",
    "router shows error E-4012, code 7731 blinking",
    "my iPhone15-Pro is broken",
    "add me, my discord is CoolGuy#4821",
    "store code 0413 in Dallas",
    "your course code is CS101",
]


@pytest.mark.parametrize(("text", "expected"), SECRETS)
def test_secrets_are_found(text: str, expected: list[str]) -> None:
    assert found(text) == sorted(expected)


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_look_alikes_are_not_secrets(text: str) -> None:
    assert found(text) == []


def test_a_key_name_is_not_its_value() -> None:
    text = "STRIPE_SECRET_KEY=sk_live_51HxQ2vKb8Tz9LmNpQrStUv\nDB_PASSWORD=s3cr3t-Pa55!"
    assert found(text) == ["s3cr3t-Pa55!", "sk_live_51HxQ2vKb8Tz9LmNpQrStUv"]
