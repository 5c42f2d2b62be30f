package io.semrec.training.textknn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TF-IDF over a fixed corpus: {@code idf = ln(N / df)} (a term in every document carries no
 * weight), tf raw or {@code 1 + ln(tf)} (sublinear), rows L2-normalised. On the Amazon sets this
 * plain idf with sublinear tf ranked best of plain/smoothed idf x raw/sublinear tf.
 */
public final class TfIdfVectorizer {

    private final Map<String, Integer> vocabulary;
    private final double[] idf;
    private final boolean sublinearTf;

    private TfIdfVectorizer(Map<String, Integer> vocabulary, double[] idf, boolean sublinearTf) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.sublinearTf = sublinearTf;
    }

    /**
     * @param documents tokenized documents
     * @param maxVocabulary keep only this many terms, those in the most documents (ties by term)
     */
    public static TfIdfVectorizer fit(List<List<String>> documents, boolean sublinearTf, int maxVocabulary) {
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (List<String> document : documents) {
            document.stream().distinct().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
        }
        List<Map.Entry<String, Integer>> terms = new ArrayList<>(documentFrequency.entrySet());
        terms.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        int size = Math.min(maxVocabulary, terms.size());
        Map<String, Integer> vocabulary = new HashMap<>(size * 2);
        double[] idf = new double[size];
        double n = documents.size();
        for (int i = 0; i < size; i++) {
            vocabulary.put(terms.get(i).getKey(), i);
            idf[i] = Math.log(n / terms.get(i).getValue());
        }
        return new TfIdfVectorizer(vocabulary, idf, sublinearTf);
    }

    public int vocabularySize() {
        return idf.length;
    }

    /** The L2-normalised TF-IDF vector of a tokenized document; empty when no term is known. */
    public SparseVector transform(List<String> tokens) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (String token : tokens) {
            Integer term = vocabulary.get(token);
            if (term != null) {
                counts.merge(term, 1, Integer::sum);
            }
        }
        int[] terms = new int[counts.size()];
        float[] weights = new float[counts.size()];
        double squares = 0;
        int i = 0;
        for (Map.Entry<Integer, Integer> count : counts.entrySet()) {
            double tf = sublinearTf ? 1 + Math.log(count.getValue()) : count.getValue();
            double weight = tf * idf[count.getKey()];
            terms[i] = count.getKey();
            weights[i] = (float) weight;
            squares += weight * weight;
            i++;
        }
        float norm = (float) Math.sqrt(squares);
        for (int j = 0; j < weights.length; j++) {
            weights[j] /= norm;
        }
        return new SparseVector(terms, weights);
    }
}
