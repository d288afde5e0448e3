"""English words that are also place names in the gazetteer.

A capitalised word such as "Hit", "Deal", "Reading" or "Mobile" starts many English
sentences and headlines; as a place it needs a locative cue ("in Hit") or a qualifier
("Hit, in Anbar") before :meth:`kb.gazetteer.Gazetteer.find` reports it. Countries
are exempt ("Chad", "Turkey").

Generated once from the lower-case words of the SCOWL-based Debian ``wamerican`` list
that equal a one-word gazetteer key, minus a few names that English news uses mostly
for the place (Mecca, Muscat, Wales, Tangier). Regenerate by hand when the gazetteer's
names change a lot; :data:`kb.gazetteer.tables.EXTRA_STOPWORDS` adds words by hand.
The second block was made the same way from the keys that the towns of Mexico, Colombia,
Haiti, the Philippines, Central America and the other countries added to the cities1000
list brought.
"""

from __future__ import annotations

STOPWORDS: frozenset[str] = frozenset(
    (
        "acacias ace acre act add ado ads adv adz afar agar aha aid ail aim air airport alabaster "
        "alb ale ales alga alit all alley alliance aloha along alt alter altos amen amp ampere "
        "anchorage and anew angers angle angora annex ant antelope anthem anus apace apex arbutus "
        "archangel arching archway are area argyle arid ark arm aroma art ascension ascot ash ask "
        "asp astrakhan ate auburn auras awash awe axe ay aye babel bad bade badger bag bah bake "
        "bale balky balsas ban band bandana bane banes banged bangs bani banjo bank banning bar "
        "bard bare barium barking barman barn barrage barrios barrow basic bassi baste bat bate "
        "bath batik battleground batty baud bay bear bed beg begun bell bend bender bent best bib "
        "bid big bile billings bimbo bin bingo bites bled bloom bluffs blur boa bode bog bolder "
        "bole bologna bone bong bonito bonny boo boom boon boons bop bore born borne bossier "
        "boulder bountiful bow boy bra brad brake bras brass bray brick broach brusque buckeye bud "
        "buffalo bug bun bur burg burka burs bury bus bush bust but butte butterfly buy bye cab "
        "cabanas cad cage cairns cal caller cam can canal canaries canes canning canon canton cap "
        "capital car care carol carpi cars cascade cascades cassia cassino cat cathedral caw "
        "cayenne cedar centennial center central centurion chafe chagrin chair chamber champion "
        "champs chandler chaparral char chi chin chinking chino chop clay clot cloverleaf coast "
        "cobra cocoa cognac coin cola college colon columbine coma combs come commerce commonwealth "
        "compendium con conception concord cone confederation consolation converse coo cooper cop "
        "cordon cork corona cove cow crater creek crossroads crystal cud cue culture cum cup cur "
        "cut cypress dab dad dale dam damask dame dandy date davenport dawn day deal deb debar "
        "debark defiance deli delis delta den derby dick die dig dilly dim dimer din dining dip "
        "dire dis diva divan divas dodge dog dogwood dole dome dosing dour downtown drama drug dual "
        "dub dud due dug duh dun dyer eagle ear earnest east eastern eat ebb eel ego elbow elf elk "
        "ell elm emery empire emporia encamp engineer enterprise era eras erg erode est eureka eve "
        "evens ever evergreen falcon fall far fat fate federal felling fez fiche fiddlesticks fig "
        "financial fishers flagstaff fleet flint flora florin flushing fog fop for fora fords fore "
        "forest forge foster fountain fowling free freedom french freshwater from fun furnace gad "
        "gala gale gamy gap garden garland garner garrison gas gay gaze gel gen genes gent germinal "
        "get gill gob god goes gold golden gondola google gore got gov grad granges granite grants "
        "grapevine grass grays green grenade griffin grim grin grins grove groves gulf gums guru "
        "gut gym gyp had hag hail hale hall ham hang harem harp harrow hart has hat hawthorn hay "
        "hays hem her hermitage hero hes hexing hey hickory highland highlands highways hillside "
        "hims hippo hire hit ho hob hod hog holiday homburg homestead honcho hook hop horde horizon "
        "horn hosanna hot hove hrs hub hue hug hula hull hum human humble hums humus hunter "
        "hurricane hut ibis ill imp imperial inc ind independence inn int international ion ire irk "
        "is jab jag jam jar jasper jaw jerky jib jingling job jog jot jug junction kale karakul "
        "karma keen ken kens key keystone khan kid kilo kin kinder la lacrosse lad lag lakes lama "
        "lamas lame lampoon lancing lander lap largo lash lat lattes laurel law lax lay lazy lbs "
        "league led lee leek leer leg lei leisure lemme lemon lemur lend lens lessen let lib "
        "liberal liberty lice lids lie liege lien lii lime limerick limo linden linen lints lion "
        "lip lira lisle lit littoral lively lob log logos lone loop lop lot luau luck lug lupin lvi "
        "mad madam madras magenta magnesia maidenhead main male mama man manage mane manga manger "
        "mango manly manning manor mans mantes mantilla mar maracas marathon march mare marina "
        "maritime market marks marsh marshal martin mascara mascot mason mat max may med media "
        "medias meg megalopolis men mentor meres meridian mes mesa meshed mesquite met meta metro "
        "mew mfg mfr mid midland midlands midstream midway mien mil mile mine minster mire mission "
        "mite mob mobile mocha mod mole moll mono monster moo mop mope more moron mos mosquito moss "
        "most moth mow much mud murk muse mush mustang myrtle mystic nag nails name nap nape natal "
        "national neath neptunium net never new newel newton nice nimbi nit nix nod noisy nor "
        "normal north northern northwest not nova novae oak ocher ode of off officer ogre oho ohs "
        "okay old one opera opportunity ops oral orange orb orchards ore oriental our out outer ova "
        "overland owe oxford pa pace pad pail paisley pal pale palm palmetto palmy pan panda pandas "
        "panorama pantheon pap papa papas papaya par paradise paramount pare parole partizan pasha "
        "pastas pat pay pct pearl pecs pee peer peg pen per perm pert pest pet pets pew phoenix pi "
        "pin pinto piranhas pis pit pita plain plant plantation plaque plateau plateaux plaza plum "
        "plunge plunges poi pol police polo pool pop port portage posse possession pout pox "
        "pristine proclamation proctors progress prosper providence pry pub pueblo puma pun punch "
        "pup pus put pyx quack quarto queens quiche raga rail rain raja ram rams ran rap rapid rat "
        "raw ray reading red redwood rehab rein reis rep republic reservoir rest retreat reunion "
        "revel revere rho rib rich rid riding rig rim rise risen rivers riverside rivet roan robe "
        "rod rogers roles roman roses rosette rot rouge roundabout rouse row rube rue rugby run "
        "rung ruse rust rut rye sac sack sad sag saga sahib said sake saki salamis sale saline "
        "salines salon salt samba same sandy sane sap sari saris sat savage savanna savannah save "
        "say schooner sea seaside sector sedan see seen seer semi senna sera seraglio sere set sew "
        "shack shaft sham shanghai shaping share shat she shields shin shone shoreline shortens "
        "shot shush shut shy sic side silvan sim simmering sin since sine sing sip sir sire siren "
        "sis ski skit sky slashes slaughter slough sly smile snits sod soda sol sole soli solo son "
        "song sores soul sour souse south southern southwest sox spa sparks spas spat spike spire "
        "spires split spoken spray spring springs spy squawk sriracha stains star sterling stoke "
        "store stow studio sty sub sue sues sulphur sultan sultana summit sumo sun sunders sunning "
        "sunrise sunset sup superior surprise surrey swallow swords sycamore tabu tad tag taker "
        "tale tall tam tamale tame tamer tamest tampon tan tango tank tap tape taping tar tars "
        "tartar tat tbs tea tee tell tempi temple ten tender tequila termini terminus terrace than "
        "the thorn thy tie till tilt time tin ting tip tire tiro tit titan to toe tom tome tone "
        "tongue tooting top tor torn torrent tors tour tours tow toy trap traverse trident troy "
        "truss try tsunami tub tuba tube tucker tug tulle tun tunas tundra tune tuner tunes turn "
        "turner tyros union unity universal university upland uptown urn us valence valley van vane "
        "vans var vary vat vermilion verve veto via vicar victor vie vii vine vineyard vise vista "
        "vol wad wadi wag wail waits waling walker walling walnut wan ward warder ware warren wary "
        "was washer wave waver wax wean weasel wed wedding weir welling wellington wen west "
        "westerly western wetter wheeling wiry woe woodland woodlands worms worth wright xor xvi "
        "yam yap ye yea yen yes yoga young yuk yum zap zed zero zest zeta zing zit zoo "
    ).split()
) | frozenset(
    (
        "abut ague ajar altar antique arenas armadillo arroyos aura bacon bail basing biding "
        "biking bodega bonbon boot bravo bum bung busing cabaret cacao carpenter cash checkpoint "
        "communal confines conversion coyote coyotes creel cube curry dado dados dogs fang gamut "
        "gang glad gosh guano hacienda hobo honey labor limbo logon long look loon madrasa males "
        "manes maraca margarita margaritas mayo merino moral mountain naval nutrias oasis oil opal "
        "palomino pang paste pawing perches pill pines placer pore prince project rayon real rind "
        "rodeo rotunda sassier satin sauces shell sierra sigma silos sisal switch talisman talon "
        "tare tendon terminal tiling timbre tiring tron wines brewers cabana cane circa comas "
        "congas corpus elixir llama lucre madrigal oratorio pampas planes quiches sauce smelter "
        "tactic tuna vice"
    ).split()
)
