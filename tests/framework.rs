//! The bundled CMBOK excerpt: what a learner sees must match the source.

use keiko::i18n::Lang;
use keiko_core::model::framework::Framework;

fn bundled() -> Framework {
    Framework::bundled()
}

#[test]
fn it_holds_five_competencies_and_38_statements() {
    let f = bundled();
    let ids: Vec<&str> = f.competencies.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["SM-5", "SM-6", "SM-7", "SM-8", "SM-9"]);
    assert_eq!(f.statement_count(), 38);
}

#[test]
fn each_level_has_the_sources_number_of_statements() {
    let f = bundled();
    let counts: Vec<(&str, Vec<usize>)> =
        f.competencies.iter().map(|c| (c.id.as_str(), c.levels.iter().map(|l| l.statements.len()).collect())).collect();
    assert_eq!(
        counts,
        [
            ("SM-5", vec![1, 2, 2, 2]),
            ("SM-6", vec![2, 2, 3, 5]),
            ("SM-7", vec![2, 1, 2, 2]),
            ("SM-8", vec![2, 2, 1, 2]),
            ("SM-9", vec![1, 2, 1, 1]),
        ]
    );
}

#[test]
fn role_targets_match_the_source() {
    let f = bundled();
    let targets = |role: &str| -> Vec<u8> { f.competencies.iter().map(|c| c.target(Some(role))).collect() };
    assert_eq!(targets("OP"), [2, 1, 2, 1, 1]);
    assert_eq!(targets("SV"), [3, 2, 3, 2, 2]);
    assert_eq!(targets("OMP"), [4, 4, 4, 4, 4]);
    assert_eq!(targets("CAP"), [2, 2, 2, 2, 2]);
}

#[test]
fn roles_have_their_japanese_and_english_names() {
    let f = bundled();
    let names: Vec<(&str, &str, &str)> =
        f.roles.iter().map(|r| (r.code.as_str(), r.name.get(Lang::JA), r.name.get(Lang::EN))).collect();
    assert_eq!(
        names,
        [
            ("OP", "オペレーター", "Operator"),
            ("SV", "スーパーバイザー", "Supervisor"),
            ("OMP", "オペレーションマネジメント・プロフェッショナル", "Operation Management Professional"),
            ("CAP", "コンタクトセンターアーキテクチャ・プロフェッショナル", "Contact Center Architecture Professional"),
        ]
    );
}

#[test]
fn japanese_text_is_the_sources_character_for_character() {
    let f = bundled();
    let ja = |id: &str| f.statement(f.locate(id).unwrap()).text.get(Lang::JA).to_string();
    assert_eq!(ja("SM-5.1.1"), "顧客の離反はどのような時に発生するか理解している");
    assert_eq!(
        ja("SM-5.2.1"),
        "企業や製品、コンタクトセンターに対する顧客からの不満が発生した場合に、その理由を正しく聴き取り、記録し、報告できる"
    );
    assert_eq!(
        ja("SM-6.3.2"),
        "苦情・クレームの分類や件数、対応者に必要なスキルを把握し、コンタクトセンターの構築や人材育成プランに反映させることができる"
    );
    assert_eq!(ja("SM-6.4.5"), "非定型的な苦情案件について、関連する部門と調整しつつ、対応の終了まで行うことができる");
    assert_eq!(ja("SM-7.3.1"), "カスタマーハラスメントを対応したオペレーターのケアを実施できる");
    assert_eq!(ja("SM-8.1.2"), "サービスの生産性向上となる改善を提案できる");
    assert_eq!(
        ja("SM-9.3.1"),
        "顧客支援のための取り組みを理解し、自社製品やサービス価値を高めるための改善や提案ができる"
    );
    let names: Vec<&str> = f.competencies.iter().map(|c| c.name.get(Lang::JA)).collect();
    assert_eq!(
        names,
        [
            "顧客の離反",
            "苦情・クレーム対応",
            "カスタマーハラスメント",
            "サービスサイエンス",
            "グッズ・ドミナント・ロジックとサービス・ドミナント・ロジック"
        ]
    );
}

#[test]
fn every_statement_and_name_has_english() {
    let f = bundled();
    for c in &f.competencies {
        assert!(c.name.text(Lang::EN).is_some_and(|t| !t.trim().is_empty()), "{}", c.id);
        for (_, s) in c.statements() {
            let en = s.text.text(Lang::EN).unwrap_or("");
            assert!(!en.trim().is_empty(), "{} has no English", s.id);
            assert!(en.is_ascii(), "{} English has non-ASCII text: {en}", s.id);
            assert_ne!(en, s.text.text(Lang::JA).unwrap());
        }
    }
}

#[test]
fn statement_ids_follow_competency_level_position() {
    let f = bundled();
    for c in &f.competencies {
        for level in &c.levels {
            for (i, s) in level.statements.iter().enumerate() {
                assert_eq!(s.id, format!("{}.{}.{}", c.id, level.level, i + 1));
            }
        }
    }
}

#[test]
fn the_source_and_translation_are_marked() {
    let f = bundled();
    assert!(f.source.as_deref().unwrap().contains("CMBOK"));
    assert!(f.translation.as_deref().unwrap().contains("translation"));
    assert!(keiko_core::model::framework::BUNDLED.contains("not an official one"));
}
