"""Round 5 (secrets helper): passwords, PINs, keys, security answers and user names typed the many ways people
type them, with the negatives that keep descriptions, verbs and everyday words out."""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import PasswordRecognizer, UsernameRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


SECRETS = [
    # A dash between spaces separates a cue from its value.
    ("password - letmein", ["letmein"]),
    ("secret question answer - bluebird", ["bluebird"]),
    # A PIN's length said before it.
    ("my pin is 4 digits: 1234", ["1234"]),
    ("pin (4 digits) 8812", ["8812"]),
    # Keys and tokens named in words, and more issuers' formats.
    ("my api key is 3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", ["3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"]),
    ("the access token is 9f8e7d6c5b4a39281706f5e4d3c2b1a0", ["9f8e7d6c5b4a39281706f5e4d3c2b1a0"]),
    ("hf_abcdefghijklmnopqrstuvwxyzABCDEFGH", ["hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"]),
    ("token 2024-05-01-report-final", []),
    ("my api key expired yesterday", []),
    ("https://example.com/reset?token=gRr5y6G_DXpckBb4iB4k4behGRn4zJ4C", []),
    # Cues in more languages and scripts.
    ("пароль: qwerty123", ["qwerty123"]),
    ("heslo: kocka2020", ["kocka2020"]),
    ("jelszó: Macska99", ["Macska99"]),
    ("kata sandi: rahasia123", ["rahasia123"]),
    ("密码是abc12345", ["abc12345"]),
    ("パスワード\uff1aSakura2020", ["Sakura2020"]),
    ("비밀번호는 abc12345", ["abc12345"]),
    # A secret after a user name.
    ("user jdoe pass hunter22", ["hunter22"]),
    ("creds: admin / Summer2024!", ["Summer2024!"]),
    ("user jdoe pass the ball", []),
    ("login: jdoe / see you tomorrow", []),
    # Security answers: a pet's name is capitalised and has no article.
    ("first pet: Biscuit", ["Biscuit"]),
    ("our first dog was called Max", ["Max"]),
    ("security question: name of your elementary school? answer: Lincoln", ["Lincoln"]),
    ("mother's maiden name? Kowalski", ["Kowalski"]),
    ("my mom's maiden name was Okafor btw", ["Okafor"]),
    ("security q answer: fluffy", ["fluffy"]),
    ("the city where I was born: Dayton", ["Dayton"]),
    ("mother's maiden name? not sure", []),
    ("what's your mother's maiden name? I don't remember", []),
    ("my first pet was a hamster", []),
    ("my first dog was a golden retriever", []),
    ("my first cat was named after my aunt", []),
    # A secret after a question mark and "it's", when it looks like one.
    ("the network password? its bluemoon77", ["bluemoon77"]),
    ("what is the password? its complicated", []),
    # A card's security code; a wallet's recovery phrase.
    ("security code on the back is 123", ["123"]),
    ("card security code: 448", ["448"]),
    ("the security code is required", []),
    ("recovery phrase: apple banana cherry dog", ["apple banana cherry dog"]),
    ("the recovery phrase is stored in the safe", []),
    # Descriptions, not secrets.
    ("password: see attached", []),
    ("password is on the fridge", []),
    ("pin the tweet please", []),
    ("my battletag is Frost#21987", []),
    ("password reset link", []),
]


@pytest.mark.parametrize(("text", "expected"), SECRETS)
def test_secrets(text: str, expected: list[str]) -> None:
    assert found(PasswordRecognizer(), text) == expected


USERS = [
    ("logged in as mgarcia", ["mgarcia"]),
    ("the login i use is priya.s", ["priya.s"]),
    ("kullan\u0131c\u0131 ad\u0131: mehmet34", ["mehmet34"]),
    ("имя пользователя: ivan_petrov", ["ivan_petrov"]),
    ("gebruikersnaam: jvdberg", ["jvdberg"]),
    ("用户名是 li_wei88", ["li_wei88"]),
    ("ユーザー名: tanaka01", ["tanaka01"]),
    ("my @ is ngoc.eats", ["ngoc.eats"]),
    ("venmo me @jaylen-w", ["@jaylen-w"]),
    ("cashapp $jaylenw", ["$jaylenw"]),
    ("my xbox gt is SniperWolf77", ["SniperWolf77"]),
    ("my minecraft ign is creeper_king", ["creeper_king"]),
    ("my battletag is Frost#21987", ["Frost#21987"]),
    ("the account is registered to user kmcallister_hvac", ["kmcallister_hvac"]),
    ("my @ is broken", []),
    ("email me @ 5pm", []),
    ("my battletag is private", []),
    ("logged in as usual", []),
    ("logged in as guest", []),
    ("logged in as john", []),
    ("the handle is broken", []),
    ("my login is locked", []),
]


@pytest.mark.parametrize(("text", "expected"), USERS)
def test_user_names(text: str, expected: list[str]) -> None:
    assert found(UsernameRecognizer(), text) == expected
