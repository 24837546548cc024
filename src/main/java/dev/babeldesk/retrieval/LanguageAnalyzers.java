package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.LanguageTags;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The Lucene analyzer for a language tag: the language's own analyzer (stemming, stop words,
 * elision; a dictionary segmenter for Chinese, Japanese and Korean), followed by folding of
 * accents so "devolucion" still finds "devolución". A language Lucene has no analyzer for gets
 * a generic one: Unicode word breaking, CJK bigrams, lower case and folding.
 */
public final class LanguageAnalyzers {
    private static final Map<String, Supplier<Analyzer>> BY_PRIMARY = Map.ofEntries(
            Map.entry("ar", ArabicAnalyzer::new), Map.entry("bg", BulgarianAnalyzer::new),
            Map.entry("bn", BengaliAnalyzer::new), Map.entry("ca", CatalanAnalyzer::new),
            Map.entry("ckb", SoraniAnalyzer::new), Map.entry("cs", CzechAnalyzer::new),
            Map.entry("da", DanishAnalyzer::new), Map.entry("de", GermanAnalyzer::new),
            Map.entry("el", GreekAnalyzer::new), Map.entry("en", EnglishAnalyzer::new),
            Map.entry("es", SpanishAnalyzer::new), Map.entry("et", EstonianAnalyzer::new),
            Map.entry("eu", BasqueAnalyzer::new), Map.entry("fa", PersianAnalyzer::new),
            Map.entry("fi", FinnishAnalyzer::new), Map.entry("fr", FrenchAnalyzer::new),
            Map.entry("ga", IrishAnalyzer::new), Map.entry("gl", GalicianAnalyzer::new),
            Map.entry("hi", HindiAnalyzer::new), Map.entry("hu", HungarianAnalyzer::new),
            Map.entry("hy", ArmenianAnalyzer::new), Map.entry("id", IndonesianAnalyzer::new),
            Map.entry("it", ItalianAnalyzer::new), Map.entry("ja", JapaneseAnalyzer::new),
            Map.entry("ko", KoreanAnalyzer::new), Map.entry("lt", LithuanianAnalyzer::new),
            Map.entry("lv", LatvianAnalyzer::new), Map.entry("ne", NepaliAnalyzer::new),
            Map.entry("nl", DutchAnalyzer::new), Map.entry("nb", NorwegianAnalyzer::new),
            Map.entry("nn", NorwegianAnalyzer::new), Map.entry("no", NorwegianAnalyzer::new),
            Map.entry("pt", PortugueseAnalyzer::new), Map.entry("ro", RomanianAnalyzer::new),
            Map.entry("ru", RussianAnalyzer::new), Map.entry("sr", SerbianAnalyzer::new),
            Map.entry("sv", SwedishAnalyzer::new), Map.entry("ta", TamilAnalyzer::new),
            Map.entry("te", TeluguAnalyzer::new), Map.entry("th", ThaiAnalyzer::new),
            Map.entry("tr", TurkishAnalyzer::new), Map.entry("zh", SmartChineseAnalyzer::new));

    private LanguageAnalyzers() {}

    /** The terms {@code analyzer} makes of {@code text}, in order. */
    public static java.util.List<String> terms(Analyzer analyzer, String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            org.apache.lucene.analysis.tokenattributes.CharTermAttribute term =
                    stream.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) out.add(term.toString());
            stream.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    public static boolean hasDedicatedAnalyzer(String languageTag) {
        return BY_PRIMARY.containsKey(LanguageTags.primary(languageTag));
    }

    public static Analyzer forLanguage(String languageTag) {
        Supplier<Analyzer> dedicated = BY_PRIMARY.get(LanguageTags.primary(languageTag));
        return dedicated == null ? new GenericAnalyzer() : new Folding(dedicated.get());
    }

    /** Appends accent folding to a language analyzer's chain. */
    private static final class Folding extends AnalyzerWrapper {
        private final Analyzer delegate;

        Folding(Analyzer delegate) {
            super(delegate.getReuseStrategy());
            this.delegate = delegate;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return delegate;
        }

        @Override
        protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
            return new TokenStreamComponents(components.getSource(), new ASCIIFoldingFilter(components.getTokenStream()));
        }

        @Override
        public void close() {
            delegate.close();
            super.close();
        }
    }

    /** For languages without a Lucene analyzer: sound for any script, stems nothing. */
    private static final class GenericAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new CJKBigramFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(source, stream);
        }
    }
}
