import Testing
@testable import MinHash
@testable import MinHashKernel

// rensa 0.5.0's own values: spec §4.7 plus vectors printed by the installed rensa wheel
// (`RMinHash(p, s); update(tokens); digest()`), so digests here are bit-compatible with rensa's.

@Test func tokenHashesMatchRensa() {
    let expected: [(String, UInt64)] = [
        ("", 0xf456_d268_76d7_2d91), ("a", 0xbd8e_8067_b4be_2f50), ("hello", 0x1513_6c07_c8bc_e6e4),
        ("caf\u{E9}", 0xfc2e_6df1_bc20_cdf8), (String(repeating: "x", count: 17), 0x2b01_ffda_c226_7a89),
        (String(repeating: "y", count: 33), 0x47d9_fae7_715c_3240), ("ab", 0x9de7_0eed_801e_f68e),
        ("abc", 0xe7cf_bde7_6661_213f), ("abcd", 0x129d_90d0_160e_c9ca), ("abcdefgh", 0x9247_48ab_6aa9_dfbd),
    ]
    #expect(RMinHash.hashTokenSets(tokenSets: [expected.map(\.0)]) == [expected.map(\.1)])
    #expect(RMinHash.hashTokenSets(tokenSets: [expected.map { Array($0.0.utf8) }]) == [expected.map(\.1)])
    // One Unicode scalar hashed from its stack encoding equals the string's hash.
    for scalar in ["a", "\u{E9}", "\u{2202}", "\u{1F600}"].map({ $0.unicodeScalars.first! }) {
        #expect(scalar.minHashTokenHash == String(scalar).minHashTokenHash)
    }
}

@Test func mixersMatchRensa() {
    #expect(splitMix64(0) == 0xe220_a839_7b1d_cdaf)
    let table = Permutations(count: 4, seed: 42)
    #expect(table.multipliers[0] == 0xd076_4d4f_4476_689f)
    #expect(table.increments[0] == 0x519e_4174_576f_3791)
    #expect(table.multipliers.allSatisfy { $0 & 1 == 1 })
}

@Test func bandHashesMatchRensa() {
    let values: [UInt32] = [1, 2, 3, 4, 5]
    #expect(values.withUnsafeBufferPointer { bandHash($0.baseAddress!, count: 5) } == 0x49cd_4045_87c7_2436)
    let full = [UInt32](repeating: .max, count: 8)
    #expect(full.withUnsafeBufferPointer { bandHash($0.baseAddress!, count: 8) } == 0x4731_5c2d_d2b8_4f9a)
}

@Test func specDigestVectors() throws {
    let four = try RMinHash(numPerm: 4, seed: 42)
    four.update(items: ["hello", "world"])
    #expect(four.digest() == [3_838_716_880, 1_590_763_049, 113_995_308, 1_806_921_163])
    let five = try RMinHash(numPerm: 5, seed: 42)
    five.update(items: ["hello", "world"])
    #expect(five.digest() == [3_838_716_880, 3_390_494_864, 666_616_005, 113_995_308, 1_806_921_163])
    let eight = try RMinHash(numPerm: 8, seed: 1)
    eight.update(items: ["a"])
    #expect(
        eight.digest() == [
            3_365_056_212, 3_626_719_150, 3_647_254_112, 1_944_026_556, 4_112_943_338, 3_523_491_077,
            3_632_588_079, 89_084_357,
        ])
}

@Test func denseDocumentMatchesRensa() throws {
    let sketch = try RMinHash(numPerm: 128, seed: 42)
    sketch.update(items: (0..<200).map { "tok\($0)" })
    #expect(
        sketch.digest() == [
            400_141_525, 200_768_012, 60_479_249, 186_226_375, 903_812_209, 268_826_783, 1_917_532_851, 53_888_562,
            261_698_104, 1_271_449_873, 113_721_645, 1_442_733_590, 358_404_869, 214_180_427, 874_637_819,
            424_448_474, 559_331_079, 545_819_155, 2_145_197_922, 74_441_253, 409_907_104, 193_384_946,
            429_999_825, 2_422_532_446, 1_163_421_946, 758_905_214, 1_033_063_083, 429_345_522, 176_080_544,
            2_015_597_390, 1_315_400_129, 549_296_525, 46_605_318, 558_648_891, 230_310_977, 577_693_648,
            26_251_295, 74_320_030, 261_472_394, 546_672_955, 108_583_031, 1_059_822_702, 916_663_492,
            492_988_093, 131_832_193, 19_381_361, 30_651_168, 123_768_466, 169_503_339, 334_236_803,
            1_242_165_258, 1_323_141_294, 100_724_343, 603_129_542, 2_695_188_579, 645_554_281, 296_694_756,
            278_014_489, 652_249_998, 612_504_175, 480_333_282, 222_485_870, 566_643_083, 88_379_706,
            280_212_208, 46_549_606, 530_182_482, 921_467_885, 138_415_789, 869_405_521, 419_288_781,
            31_384_159, 687_351_320, 899_939_715, 233_911_716, 579_804_782, 351_746_923, 445_956_240,
            3_072_888_911, 558_044_140, 1_719_719_417, 470_809_677, 981_827_818, 750_964_257, 576_732_895,
            23_797_817, 81_969_829, 169_464_955, 43_654_835, 440_387_186, 1_546_547_521, 765_692_203,
            1_880_120_793, 1_334_507_937, 26_731_679, 1_743_779_300, 239_219_625, 2_528_725_004, 1_380_808_829,
            183_325_788, 3_231_578_626, 45_468_479, 289_936_886, 262_517_652, 121_882_536, 830_154_154,
            558_171_611, 427_196_045, 1_003_347_041, 2_300_139_175, 29_111_394, 336_109_914, 1_689_750_118,
            459_340_764, 529_400_715, 446_138_603, 355_922_921, 576_666_470, 84_002_245, 972_524_829,
            279_003_200, 733_702_071, 360_230_534, 380_583_529, 2_585_916_326, 31_580_411, 88_139_500,
            689_752_936,
        ])
}

@Test func oddSizesAndLongTokensMatchRensa() throws {
    let sketch = try RMinHash(numPerm: 7, seed: 3)
    sketch.update(items: [
        "a", "bb", "ccc", "dddd", String(repeating: "x", count: 17), String(repeating: "y", count: 33), "",
        "\u{65E5}\u{672C}\u{8A9E}",
    ])
    #expect(
        sketch.digest() == [
            255_408_637, 990_008_676, 424_536_348, 2_661_196_232, 536_141_481, 1_404_889_576, 91_099_178,
        ])
}

@Test func incrementalUpdatesPastOneBatchMatchRensa() throws {
    let sketch = try RMinHash(numPerm: 100, seed: 9)
    sketch.update(items: (0..<5000).map { "w\($0)" })
    sketch.update(items: (4000..<9000).map { "w\($0)" })
    #expect(checksum([sketch.digest()]) == 16_575_353_487_281_210_284)
}

/// The Python generator of the grid below, token for token.
func gridTokens(_ count: Int, salt: Int) -> [String] {
    (0..<count).map { index in
        let k = (index * 2_654_435_761 + salt * 97) % 1_000_003
        let base = "t\(k)-" + String(repeating: "\u{E9}\u{2202}x", count: k % 5)
        let scalars = String(repeating: base, count: 4).unicodeScalars.prefix(k % 41)
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }
}

func checksum(_ digests: [[UInt32]]) -> UInt64 {
    var accumulator: UInt64 = 0
    for digest in digests {
        for value in digest {
            accumulator = accumulator &* 1_000_003 &+ UInt64(value) &+ 1
        }
    }
    return accumulator
}

/// `(num_perm, seed, checksum of the digests of documents of 0, 1, 2, 5, 20, 200, 1000 and
/// 5000 tokens)` from rensa 0.5.0: powers of two and not, every fallback regime, two batches.
let rensaGrid: [(UInt64, UInt64, UInt64)] = [
    (1, 0, 7_578_167_352_492_948_766), (1, 1, 5_302_068_000_692_972_433), (1, 42, 12_445_350_801_170_443_142),
    (1, .max, 7_436_281_446_599_395_313), (2, 0, 7_928_782_650_111_869_348), (2, 1, 7_825_134_936_148_306_900),
    (2, 42, 16_596_064_072_064_716_870), (2, .max, 16_833_886_445_536_782_917),
    (3, 0, 11_050_342_371_355_870_703), (3, 1, 9_441_188_236_182_059_272), (3, 42, 17_668_253_924_881_470_904),
    (3, .max, 16_481_942_986_422_609_242), (7, 0, 6_807_390_896_351_924_994), (7, 1, 12_623_082_326_955_433_672),
    (7, 42, 6_648_831_397_104_756_234), (7, .max, 7_340_695_009_289_869_669), (8, 0, 18_036_478_009_403_646_720),
    (8, 1, 13_280_519_468_973_252_752), (8, 42, 9_573_385_081_184_579_549), (8, .max, 3_062_421_531_301_867_820),
    (17, 0, 12_676_474_545_138_292_266), (17, 1, 2_444_467_350_032_763_065), (17, 42, 9_470_447_523_554_754_778),
    (17, .max, 2_058_687_435_598_292_306), (64, 0, 15_641_088_234_276_769_501),
    (64, 1, 15_777_694_346_778_425_861), (64, 42, 2_360_969_932_105_783_885), (64, .max, 4_132_343_125_253_858_730),
    (100, 0, 18_108_309_962_411_367_015), (100, 1, 113_018_398_732_960_659), (100, 42, 17_731_287_265_979_962_075),
    (100, .max, 11_683_379_891_038_730_028), (128, 0, 8_148_908_727_893_989_332),
    (128, 1, 3_172_780_898_621_722_581), (128, 42, 15_369_882_817_520_665_381),
    (128, .max, 9_811_480_170_831_712_972), (256, 0, 9_892_512_271_896_552_770),
    (256, 1, 6_352_036_109_489_644_445), (256, 42, 10_331_702_629_912_789_363),
    (256, .max, 8_993_629_873_733_319_075),
]

@Test(arguments: rensaGrid.indices)
func gridMatchesRensa(row: Int) throws {
    let (numPerm, seed, expected) = rensaGrid[row]
    let sizes = [0, 1, 2, 5, 20, 200, 1000, 5000]
    let documents = sizes.map { gridTokens($0, salt: $0 + Int(numPerm)) }
    let digests = try documents.map { document in
        let sketch = try RMinHash(numPerm: numPerm, seed: seed)
        sketch.update(items: document)
        return sketch.digest()
    }
    #expect(checksum(digests) == expected)
    // The bulk path and the byte path give the same digests.
    #expect(try RMinHash.digestsFromTokenSets(tokenSets: documents, numPerm: numPerm, seed: seed) == digests)
    let byteDocuments = documents.map { $0.map { Array($0.utf8) } }
    #expect(try RMinHash.digestsFromTokenSets(tokenSets: byteDocuments, numPerm: numPerm, seed: seed) == digests)
}

@Test func bucketReductionRejectsTheIncompleteInterval() {
    // Spec §4.4 step 2, written out: y = x; while (y mod 2**32)·k mod 2**32 < 2**32 mod k, y = S(y).
    for count: UInt64 in [1, 3, 8, 17, 100, 128, 0x8000_0001, UInt64(UInt32.max)] {
        let threshold = UInt32((UInt64(1) << 32) % count)
        for mix: UInt64 in [0, 1, 2, .max, 0xFFFF_FFFF_0000_0000, 0x1234_5678_0000_0000] {
            var candidate = mix
            var expected = 0
            while true {
                let product = (candidate & 0xFFFF_FFFF) * count
                if product % (1 << 32) >= (UInt64(1) << 32) % count {
                    expected = Int(product >> 32)
                    break
                }
                candidate = splitMix64(candidate)
            }
            #expect(bucketSlot(of: mix, slots: count, threshold: threshold) == expected)
            #expect(expected < Int(count))
        }
    }
    // With 3 slots, a mix whose low word is 0 is rejected (0·3 mod 2**32 < 2**32 mod 3 = 1).
    #expect(bucketSlot(of: 0, slots: 3, threshold: 1) == Int(((splitMix64(0) & 0xFFFF_FFFF) * 3) >> 32))
}
