"""NRP: a person's nationality, religion or political group said about themselves or someone they name.

GDPR's special categories include religious and political beliefs and ethnic origin. spaCy tags capitalized
demonyms ("Nigerian") but not the lower-case ones chats are typed in ("i'm cambodian", "my wife is muslim").
After a phrase that says what someone is ("I am", "she's a", "as a", "being"), a nationality, religion or
political group is reported; cuisine and brands ("Thai food", "American Express") are left alone.
"""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ._base import ChatEntityRecognizer, alternation, span_result, words

_NATIONALITIES = words(
    """
    afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian
    azerbaijani azeri bahamian bahraini bangladeshi barbadian belarusian belgian belizean belizian beninese
    bhutanese bolivian bosnian botswanan brazilian british bruneian bulgarian burkinabe burmese burundian
    cambodian cameroonian canadian cape-verdean chadian chilean chinese colombian congolese croatian cuban
    cypriot czech danish djiboutian dominican dutch ecuadorian egyptian emirati english equatoguinean eritrean
    estonian ethiopian fijian filipino filipina finnish french gabonese gambian georgian german ghanaian greek
    greenlander grenadian guatemalan guinean guyanese haitian honduran hungarian icelandic indian indonesian
    iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovar
    kuwaiti kyrgyz lao laotian latvian lebanese liberian libyan lithuanian luxembourgish macedonian malagasy
    malawian malaysian maldivian malian maltese mauritanian mauritian mexican moldovan monegasque mongolian
    montenegrin moroccan mozambican namibian nepali nepalese nicaraguan nigerian nigerien norwegian omani
    pakistani palestinian panamanian paraguayan persian peruvian polish portuguese puerto-rican qatari
    romanian russian rwandan salvadoran samoan saudi scottish senegalese serbian sierra-leonean singaporean
    slovak slovakian slovenian somali south-african spanish sri-lankan sudanese surinamese swedish swiss
    syrian taiwanese tajik tanzanian thai togolese tongan trinidadian tunisian turkish turkmen ugandan
    ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean
    african asian european latino latina latinx hispanic arab caribbean kurdish berber roma romani tamil
    sikh punjabi gujarati bengali hmong maori aboriginal indigenous native-american inuit
    """
)
_RELIGIONS = words(
    """
    muslim moslem christian catholic protestant orthodox evangelical baptist methodist lutheran presbyterian
    anglican pentecostal mormon adventist jehovah's-witness jewish jew hindu buddhist sikh jain bahai baha'i
    atheist agnostic pagan wiccan shia sunni shiite quaker amish rastafarian taoist shinto zoroastrian
    """
)
_POLITICS = words(
    """
    democrat republican conservative liberal socialist communist libertarian progressive labour tory
    green-party marxist anarchist nationalist
    """
)

# "south-african" in the list matches "south african" and "south-african".
# Nationalities, religions and political groups, lower case.
NRP_WORDS = frozenset(w.lower() for w in _NATIONALITIES + _RELIGIONS + _POLITICS)
_NRP_WORD = alternation(_NATIONALITIES + _RELIGIONS + _POLITICS).replace(r"\-", "[ -]")
_NRP = regex.compile(
    rf"""(?xi)
    \b(?:i\s*['\u2019]?\s*m|i\s+am|we\s*['\u2019]?\s*re|we\s+are|(?:he|she)\s*['\u2019]?\s*s|(?:he|she)\s+is
       |they\s*['\u2019]?\s*re|they\s+are|(?:my|our|his|her)\s+\w+\s+(?:is|was|are|were)|as\s+an?|being
       |born\s+(?:an?\s+)?|raised\s+(?:an?\s+)?)
    \s+(?:an?\s+)?(?:proud\s+|devout\s+|practicing\s+|practising\s+|lapsed\s+|registered\s+|half\s+|born\s+)?
    (?P<value>{_NRP_WORD})
    (?![\w'\u2019-])(?!\s+(?:food|cuisine|restaurant|dish|dishes|recipe|style|card|express|airlines?|embassy
       |time|language|keyboard|version|site|website|store|plug|number|accent|subtitles?|movie|tv
       |speaking|speaker|speakers|citizenship|passport|visa|toast|fries|press|door|doors|horn|kiss|bread|cheese
       |wine|beer|coffee|tea|music|songs?|flag|team|cars?|market|grocery|shop|channel|drama|show
       |ones?|sims?|banks?|accounts?|phones?|mobiles?|ids?|licen[cs]es?|plates?|address|company|provider)\b)
    """
)


# "Mr Holsten is a practising Mormon": after a name, a word saying how someone holds the belief.
_NRP_AFTER_NAME = regex.compile(
    rf"""(?xi)
    \b(?:is|was|are|were)\s+an?\s+(?:proud|devout|practi[cs]ing|lapsed|registered|committed|observant
       |card[ -]carrying|lifelong|staunch|conservative|orthodox|secular|non-practi[cs]ing)\s+
    (?P<value>{_NRP_WORD})(?![\w'\u2019-])
    """
)
# Political parties by name: "the Scottish National Party", "Labour Party", "the Partido Popular" is left to
# spaCy. Every word before "Party" is a political or national word, so a "Birthday Party" is not one.
_PARTY_WORDS = words(
    """
    democratic democrat democrats republican conservative conservatives liberal liberals labour labor green greens
    libertarian socialist socialists communist national nationalist progressive progressives reform independence
    pirate christian social people's peoples workers worker unionist unionists alliance freedom constitution
    united justice left right centre center new democratic-unionist populist radical moderate
    """
)
_PARTY_WORD = alternation(_PARTY_WORDS + _NATIONALITIES).replace(r"\-", "[ -]")
_PARTY = regex.compile(
    rf"""(?x)
    (?<![\w'\u2019-])(?P<value>(?:(?i:{_PARTY_WORD})[ \t]+){{1,3}}Party)(?![\w'\u2019-])
    """
)


class NrpCueRecognizer(ChatEntityRecognizer):
    """A nationality, religion or political group after a phrase that says what a person is."""

    ENTITY: ClassVar[str] = "NRP"
    NAME: ClassVar[str] = "ChatNrpRecognizer"
    SCORE: ClassVar[float] = 0.6

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Each match reports the group's word only, not the phrase before it."""
        results = [
            span_result(
                self, self.ENTITY, match.start("value"), match.end("value"), self.SCORE, "group after 'I am'-phrase"
            )
            for match in _NRP.finditer(text)
        ]
        if " a" in text or " an" in text:
            results += [
                span_result(self, self.ENTITY, m.start("value"), m.end("value"), self.SCORE, "belief after a name")
                for m in _NRP_AFTER_NAME.finditer(text)
            ]
        if "Party" in text:
            results += [
                span_result(self, self.ENTITY, m.start("value"), m.end("value"), self.SCORE, "political party")
                for m in _PARTY.finditer(text)
            ]
        return EntityRecognizer.remove_duplicates(results)
