"""The facilitator's views: a workshop (teams answering in turn on one laptop) and the
comparison made for the projector. Both take a :class:`~.model.WorkshopModel`."""
