package io.semrec.training.textknn;

import io.semrec.training.data.ItemTable;
import io.semrec.training.data.ItemText;
import java.util.ArrayList;
import java.util.List;

/** Every item's L2-normalised TF-IDF vector (one row per item index) over the configured attributes. */
public final class TfIdfItems {

    private TfIdfItems() {
    }

    public static CsrMatrix of(ItemTable items, TextKnnConfig config) {
        List<List<String>> documents = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            documents.add(TextTokenizer.tokenize(ItemText.of(items.attributes(i), config.attributes())));
        }
        TfIdfVectorizer vectorizer = TfIdfVectorizer.fit(documents, config.sublinearTf(), config.maxVocabulary());
        List<SparseVector> rows = documents.stream().map(vectorizer::transform).toList();
        return CsrMatrix.of(rows, vectorizer.vocabularySize());
    }
}
